"""The talent pool, a member's own page: what they aspire to and their two consents; withdraw any time."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from academy.ui.confirm import ConfirmActionView
from academy.ui.shortcuts import home_crumb as _home
from academy.ui.shortcuts import submit
from programmes.network import selectors, talent_selectors, talent_services
from programmes.network.talent_forms import TalentEntryForm
from programmes.network.views.base import MemberMixin, network_crumb


def _crumbs():
    return [_home(), network_crumb(), ("Your membership", reverse("network:membership"))]


class TalentView(MemberMixin, View):
    template_name = "network/talent.html"

    def page(self, form=None, status=200):
        user = self.request.user
        entry = talent_selectors.own_entry(user)
        if form is None:
            form = TalentEntryForm(initial=TalentEntryForm.initial_from(entry))
        return render(self.request, self.template_name, {
            "form": form, "entry": entry, "is_member": selectors.is_member(user), "breadcrumbs": _crumbs(),
        }, status=status)

    def get(self, request):
        return self.page()

    def post(self, request):
        form = TalentEntryForm(request.POST)
        if submit(form, lambda data: talent_services.save_entry(request.user, **data)):
            messages.success(request, "Your talent pool entry has been saved.")
            return redirect("network:talent")
        return self.page(form, status=400)


class TalentWithdrawView(MemberMixin, ConfirmActionView):
    title = "Withdraw from the talent pool"
    button = "Withdraw my entry"
    warning = True

    def get_object(self):
        entry = talent_selectors.own_entry(self.request.user)
        if entry is None:
            raise Http404
        return entry

    def paragraphs(self):
        return ["Your entry is deleted at once: the governance secretariat no longer sees it and no more "
                "vacancy alerts are sent. You can add a new entry at any time."]

    def perform(self):
        return talent_services.withdraw_entry(self.request.user, self.object)

    def success_message(self, result):
        return "You have withdrawn from the talent pool."

    def success_url(self, result):
        return reverse("network:talent")

    def cancel_url(self):
        return reverse("network:talent")

    def breadcrumbs(self):
        return _crumbs()
