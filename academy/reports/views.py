"""A report job's page, its progress fragment (polled by htmx) and its download: owner only."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.reports import services
from academy.reports.models import JobStatus, ReportJob
from academy.reports.registry import get_report, is_private
from academy.reports.services import can_use_report


class JobMixin(PermissionRequiredMixin):
    """Only the person who asked for a report sees it: not even a superuser sees another's."""

    permission_required = "reports.view_job"

    def get_permission_object(self):
        return self.job

    def has_permission(self):
        return self.request.user.is_authenticated and self.job.owner_id == self.request.user.pk

    def dispatch(self, request, *args, **kwargs):
        self.job = get_object_or_404(ReportJob, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def handle_no_permission(self):
        # A private report (a person's own data) is not even said to exist to anyone else.
        if self.request.user.is_authenticated and is_private(self.job.kind):
            raise Http404("No such report.")
        return super().handle_no_permission()


class JobView(JobMixin, TemplateView):
    template_name = "reports/job.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["job"] = self.job
        context["report"] = get_report(self.job.kind)
        return context


class JobStatusView(JobMixin, TemplateView):
    template_name = "reports/_progress.html"

    def get_context_data(self, **kwargs):
        return {"job": self.job}


class JobDownloadView(JobMixin, View):
    def get(self, request, *args, **kwargs):
        job = self.job
        if job.status != JobStatus.DONE or not job.file:
            raise Http404("This report is not ready.")
        if not can_use_report(request.user, job.kind, job.params):
            raise Http404("This report is not available to you.")
        response = FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename,
                                content_type=job.content_type)
        return response


class JobTryAgainView(JobMixin, View):
    """POST: make a failed report again, as a new job, and go to its page."""

    def post(self, request, *args, **kwargs):
        try:
            job = services.try_again(request.user, self.job)
        except ValidationError:
            return redirect("reports:job", pk=self.job.pk)
        return redirect("reports:job", pk=job.pk)
