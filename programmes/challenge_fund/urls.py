from django.urls import path  # noqa: F401

app_name = "challenge_fund"
urlpatterns: list = []
