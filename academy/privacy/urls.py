from django.urls import path

from academy.privacy import views

app_name = "privacy"
urlpatterns = [
    path("my-data/", views.MyDataView.as_view(), name="my_data"),
    path("who-opened-my-data/", views.WhoOpenedMyDataView.as_view(), name="who_opened_my_data"),
    path("access-log/", views.AccessLogView.as_view(), name="access_log"),
]
