from django.urls import path

from evaluation.network import views

app_name = "evaluation_network"

urlpatterns = [
    path("", views.NetworkIndexView.as_view(), name="index"),
    path("<str:key>/", views.NetworkQuarterView.as_view(), name="quarter"),
    path("<str:key>/recompute/", views.RecomputeView.as_view(), name="recompute"),
]
