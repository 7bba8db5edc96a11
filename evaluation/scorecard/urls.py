from django.urls import path

from evaluation.scorecard import views

app_name = "evaluation_scorecard"

urlpatterns = [
    path("", views.ScorecardView.as_view(), name="index"),
    path("record/", views.RecordValueView.as_view(), name="record"),
    path("report/", views.ReportView.as_view(), name="report"),
]
