from django.urls import path

from evaluation.contribution import views

app_name = "evaluation_contribution"

urlpatterns = [
    path("", views.LogView.as_view(), name="log"),
    path("export.csv", views.ExportView.as_view(), name="export"),
    path("new/", views.NewEntryView.as_view(), name="new"),
    path("propose/", views.ProposeView.as_view(), name="propose"),
    path("proposals/", views.ProposalsView.as_view(), name="proposals"),
    path("<int:pk>/", views.EntryView.as_view(), name="entry"),
    path("<int:pk>/decide/", views.DecideView.as_view(), name="decide"),
    path("<int:pk>/adopted/", views.AdoptView.as_view(), name="adopt"),
    path("<int:pk>/scaled/", views.ScaleView.as_view(), name="scale"),
]
