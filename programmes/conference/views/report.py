"""The conference team's edition report: a page that says what the PDF holds, whose button starts the job in the
background (academy.reports) and goes to its progress page."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import reverse

from academy.reports.services import start_report
from academy.ui.confirm import ConfirmActionView
from programmes.conference.models import Edition
from programmes.conference.reports import EDITION_REPORT
from programmes.conference.views.base import AdminMixin, edition_crumbs


class EditionReportView(AdminMixin, ConfirmActionView):
    title = "Make the report (PDF)"
    button = "Make the report"

    def get_object(self):
        return get_object_or_404(Edition, pk=self.kwargs["pk"])

    @property
    def caption(self):
        return self.object.name

    def paragraphs(self):
        return [
            "The report gives the edition's registrations and check-ins by ticket type and by organisation, its "
            "sessions, speakers, slides and recordings, and the attendees' ratings of the day and of each session.",
            "Ratings are counted together: a number under 5 is not shown, and a mean rating only once 5 people "
            "have answered. The report carries no comments, and names no organisation with fewer than 5 people.",
            "It takes a moment to make: you will see its progress, then download it.",
        ]

    def perform(self):
        return start_report(self.request.user, EDITION_REPORT, {"edition": self.object.pk})

    def success_url(self, result):
        return reverse("reports:job", args=[result.pk])

    def cancel_url(self):
        return reverse("conference:edition", args=[self.object.pk])

    def breadcrumbs(self):
        return edition_crumbs(self.object)
