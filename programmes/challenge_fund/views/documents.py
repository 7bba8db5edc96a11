"""Documents attached to a bid: the applicants upload and remove them; applicants, the fund's admins and
the bid's declared reviewers download them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView, View

from academy.ui.shortcuts import submit
from programmes.challenge_fund import rules, services
from programmes.challenge_fund.forms.applicant import AttachmentForm
from programmes.challenge_fund.models import (
    Attachment,
)
from programmes.challenge_fund.views.base import (
    BidMixin,
)


class AttachmentsView(BidMixin, TemplateView):
    template_name = "challenge_fund/attachments.html"

    def get(self, request, *args, **kwargs):
        return self.require_editable() or super().get(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            bid=self.bid, form=form or AttachmentForm(), attachments=list(self.bid.attachments.all()),
            breadcrumbs=self.crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        blocked = self.require_editable()
        if blocked:
            return blocked
        form = AttachmentForm(request.POST, request.FILES)
        if submit(form, lambda data: services.add_attachment(request.user, self.bid, data["file"])).ok:
            messages.success(request, "The document has been uploaded.")
            return redirect("challenge_fund:bid_attachments", self.bid.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RemoveAttachmentView(BidMixin, TemplateView):
    template_name = "challenge_fund/confirm.html"

    def get_attachment(self) -> Attachment:
        return get_object_or_404(Attachment, pk=self.kwargs["aid"], bid=self.bid)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        attachment = self.get_attachment()
        context.update(
            title=f"Remove '{attachment.original_name}'?", subject=self.bid.title, body="", button="Remove document",
            warning=True,
            cancel_url=reverse("challenge_fund:bid_attachments", args=[self.bid.pk]), breadcrumbs=self.crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            services.remove_attachment(request.user, self.get_attachment())
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, "The document has been removed.")
        return redirect("challenge_fund:bid_attachments", self.bid.pk)


class DownloadAttachmentView(View):
    """Applicants, the fund's admins and the bid's declared reviewers download a document; everyone else
    gets 404, so that the document's existence is not given away."""

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        attachment = get_object_or_404(
            Attachment.objects.select_related("bid__round"), pk=self.kwargs["aid"], bid_id=self.kwargs["pk"]
        )
        if not rules.can_download(request.user, attachment):
            raise Http404("No such document")
        return FileResponse(
            attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
            content_type=attachment.content_type,
        )
