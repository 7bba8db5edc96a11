from django.urls import path

from evaluation.network import views

app_name = "evaluation_network"

urlpatterns = [
    path("", views.NetworkIndexView.as_view(), name="index"),
    # Before the quarter's address, which would otherwise take "name-generator" as a quarter's key.
    path("name-generator/", views.NameGeneratorView.as_view(), name="name_generator"),
    path("<str:key>/", views.NetworkQuarterView.as_view(), name="quarter"),
    path("<str:key>/recompute/", views.RecomputeView.as_view(), name="recompute"),
]
