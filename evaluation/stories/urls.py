from django.urls import path

from evaluation.stories import views

app_name = "evaluation_stories"

urlpatterns = [
    path("", views.MyStoriesView.as_view(), name="mine"),
    path("tell/<int:pk>/", views.TellStoryView.as_view(), name="tell"),
    path("<int:pk>/withdraw/", views.WithdrawStoryView.as_view(), name="withdraw"),
    path("collections/", views.CollectionsView.as_view(), name="collections"),
    path("collections/new/", views.NewCollectionView.as_view(), name="collection_new"),
    path("collections/<int:pk>/", views.CollectionView.as_view(), name="collection"),
    path("collections/<int:pk>/triads/<int:triad>/<str:region>/", views.RegionView.as_view(), name="region"),
    path("collections/<int:pk>/export.csv", views.ExportView.as_view(), name="export"),
]
