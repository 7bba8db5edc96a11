"""The API tokens pages under a person's account (/account/api-tokens/)."""

from django.urls import path

from api import views

app_name = "api"
urlpatterns = [
    path("", views.TokenListView.as_view(), name="tokens"),
    path("<int:pk>/revoke/", views.RevokeTokenView.as_view(), name="token_revoke"),
]
