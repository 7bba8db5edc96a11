from django.urls import path

from evaluation.inclusion import views

app_name = "evaluation_inclusion"

urlpatterns = [
    path("", views.InclusionView.as_view(), name="overview"),
    path("export/", views.InclusionExportView.as_view(), name="export"),
    path("headline/", views.HeadlineView.as_view(), name="headline"),
    path("benchmarks/", views.BenchmarksView.as_view(), name="benchmarks"),
    path("benchmarks/template.csv", views.BenchmarkTemplateView.as_view(), name="benchmark_template"),
    path("benchmarks/export.csv", views.BenchmarkExportView.as_view(), name="benchmark_export"),
]
