from django.urls import path

from evaluation.overview import views

app_name = "evaluation"

urlpatterns = [
    path("", views.OverviewView.as_view(), name="overview"),
]
