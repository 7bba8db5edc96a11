from django.urls import path

from academy.reports import views

app_name = "reports"
urlpatterns = [
    path("<int:pk>/", views.JobView.as_view(), name="job"),
    path("<int:pk>/status/", views.JobStatusView.as_view(), name="status"),
    path("<int:pk>/download/", views.JobDownloadView.as_view(), name="download"),
    path("<int:pk>/try-again/", views.JobTryAgainView.as_view(), name="try_again"),
]
