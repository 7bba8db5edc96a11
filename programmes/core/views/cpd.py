"""A leader's CPD record, for appraisal and revalidation: PDF (as certificates are made) and CSV (through
the one export helper, which neutralises spreadsheet formulas)."""

from __future__ import annotations

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.generic import View
from rules.contrib.views import PermissionRequiredMixin

from academy.reports.exports import export_response
from academy.reports.pdf import render_pdf
from academy.ui.formats import nhs_date
from programmes.core import presenters, selectors

CPD_HEADERS = [
    "Programme", "Cohort", "Started", "Finished", "CPD hours", "Certificate issued", "Certificate code",
    "Check it is genuine at",
]


def _hours(value) -> str:
    """'36', '3.5': hours as a person writes them."""
    return f"{value.normalize():f}"


def _verify_url(certificate) -> str:
    return presenters.site_url(reverse("programmes:certificate_verify", args=[certificate.code]))


class CpdRecordView(PermissionRequiredMixin, View):
    """The signed-in person's own CPD record; ``fmt`` is "pdf" or "csv" (the URL allows nothing else)."""

    permission_required = "programmes.view_my_academy"
    fmt = "pdf"

    def get(self, request):
        record = selectors.cpd_record(request.user)
        if self.fmt == "csv":
            rows = [
                [
                    c.application.cohort.programme.name, c.application.cohort.title,
                    nhs_date(c.application.cohort.starts_on), nhs_date(c.application.cohort.ends_on),
                    _hours(c.cpd_hours), nhs_date(c.issued_at), c.code, _verify_url(c),
                ]
                for c in record.certificates
            ]
            rows.append(["Total", "", "", "", _hours(record.total_hours), "", "", ""])
            return export_response("csv", "academy-cpd-record", CPD_HEADERS, rows)
        context = {
            "person": request.user,
            "record": record,
            "lines": [(c, _verify_url(c)) for c in record.certificates],
            "today": timezone.localdate(),
        }
        response = HttpResponse(render_pdf("programmes/core/cpd_record_pdf.html", context),
                                content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="academy-cpd-record.pdf"'
        return response
