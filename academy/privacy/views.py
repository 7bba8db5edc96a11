"""Privacy pages: "Download my data" and "Who opened my data" for everyone; the access log for the secretariat."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.privacy import selectors, services
from academy.privacy.forms import AccessLogSearchForm
from academy.reports.models import JobStatus


def _crumbs():
    return [("Home", reverse("ui:home"))]


class MyDataView(PermissionRequiredMixin, TemplateView):
    permission_required = "privacy.download_own_data"
    template_name = "privacy/my_data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        downloads = selectors.my_data_downloads(self.request.user)
        context.update(
            downloads=downloads,
            in_progress=any(job.status in {JobStatus.QUEUED, JobStatus.RUNNING} for job in downloads),
            expires_after_days=services.EXPIRES_AFTER.days,
            breadcrumbs=_crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        job = services.start_my_data(request.user)
        messages.success(request, "We are making a copy of your data. You can leave this page.")
        return redirect("reports:job", pk=job.pk)


class WhoOpenedMyDataView(PermissionRequiredMixin, TemplateView):
    permission_required = "privacy.view_own_access_log"
    template_name = "privacy/who_opened_my_data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            page_obj=selectors.own_access_log_page(self.request.user, self.request.GET.get("page")),
            breadcrumbs=_crumbs(),
        )
        return context


class AccessLogView(PermissionRequiredMixin, TemplateView):
    permission_required = "privacy.view_access_log"
    template_name = "privacy/access_log.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        searched = any(
            key in params
            for key in ("person", "reader", "since_0", "since_1", "since_2", "until_0", "until_1", "until_2")
        )
        form = AccessLogSearchForm(params if searched else None)
        filters = form.filters()
        context.update(
            form=form,
            filters=filters,
            page_obj=selectors.access_log_page(filters, params.get("page")),
            breadcrumbs=_crumbs(),
        )
        return context
