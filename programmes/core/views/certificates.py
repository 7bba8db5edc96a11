"""Certificates: the participant's PDF, and the public page that confirms one is genuine."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.reports.pdf import render_pdf
from programmes.core import presenters, selectors


class CertificatePdfView(PermissionRequiredMixin, View):
    permission_required = "programmes.view_my_academy"

    def get(self, request, pk):
        certificate = selectors.own_certificate(request.user, pk)
        verify_url = presenters.site_url(reverse("programmes:certificate_verify", args=[certificate.code]))
        context = {"certificate": certificate, "verify_url": verify_url}
        pdf = render_pdf("programmes/core/certificate_pdf.html", context)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="academy-certificate-{certificate.application_id}.pdf"'
        return response


class CertificateVerifyView(TemplateView):
    """Anyone with the link (printed on the certificate) can confirm it is genuine."""

    template_name = "programmes/core/certificate_verify.html"

    def get(self, request, *args, **kwargs):
        try:
            certificate = selectors.certificate_by_code(kwargs["code"])
        except Http404:
            return render(request, self.template_name, {"certificate": None}, status=404)
        return render(request, self.template_name, {"certificate": certificate})
