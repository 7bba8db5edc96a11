from django.urls import path

from academy.privacy import erasure_views

app_name = "erasure"
urlpatterns = [
    path("close/", erasure_views.CloseAccountView.as_view(), name="close_account"),
    path("retention/", erasure_views.RetentionPreviewView.as_view(), name="retention"),
    path("closed/", erasure_views.AccountClosedView.as_view(), name="account_closed"),
]
