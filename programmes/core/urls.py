from django.urls import path

from programmes.core import views

app_name = "programmes"
urlpatterns = [
    path("my-academy/", views.MyAcademyView.as_view(), name="my_academy"),
    path("applications/<int:pk>/", views.ApplicationView.as_view(), name="application"),
    path("applications/<int:pk>/accept/", views.ApplicationActionView.as_view(action="accept"), name="accept"),
    path("applications/<int:pk>/decline/", views.ApplicationActionView.as_view(action="decline"), name="decline"),
    path("applications/<int:pk>/withdraw/", views.ApplicationActionView.as_view(action="withdraw"), name="withdraw"),
    path("line-manager/<str:token>/", views.LineManagerView.as_view(), name="line_manager"),
]
