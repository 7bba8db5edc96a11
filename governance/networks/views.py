"""The clinical networks page (everyone signed in) and the secretariat's two actions on it: open a network's
community, and name the network's current leads there."""

from __future__ import annotations

from django.urls import reverse
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.confirm import ConfirmActionView
from academy.ui.context_processors import user_has_perm
from academy.ui.shortcuts import home_crumb as _home
from governance.networks import selectors, services


def _crumbs():
    return [_home(), ("Governance", reverse("governance:reference"))]


def _names(people) -> str:
    return ", ".join(str(person) for person in people)


class NetworksView(PermissionRequiredMixin, TemplateView):
    permission_required = "governance.view_reference"
    template_name = "governance/networks.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            rows=selectors.network_rows(),
            can_manage=user_has_perm(self.request.user, "governance.manage_network_communities"),
            breadcrumbs=_crumbs(),
        )
        return context


class _NetworkAction(PermissionRequiredMixin, ConfirmActionView):
    permission_required = "governance.manage_network_communities"
    cancel_label = "Cancel and go back to the clinical networks and their communities"

    def get_permission_object(self):
        return None  # not about one object: checked before get_object runs

    def get_object(self):
        return selectors.network_row(self.kwargs["pk"])

    def breadcrumbs(self):
        return [*_crumbs(), ("Clinical networks and their communities", reverse("governance:networks"))]

    def success_url(self, result):
        return reverse("governance:networks")

    def cancel_url(self):
        return reverse("governance:networks")


class OpenCommunityView(_NetworkAction):
    button = "Open the community"

    @property
    def title(self) -> str:
        return f"Open a community for {self.object.network.name}?"

    def not_possible(self) -> str:
        row = self.object
        if row.community:
            return f"{row.network.name} already has a community."
        if not row.leads:
            return (f"Nobody holds a current leadership role for {row.network.name}, so its community would have no "
                    "lead. Record the network's lead in the leadership roles first.")
        return ""

    def summary(self):
        return [("Leads", _names(self.object.leads))] if self.object.leads else []

    def paragraphs(self):
        return [
            "The network gets a community of practice in the communities: a page, discussions and a resources "
            "library, open for anyone signed in to join.",
            "Its leads are the people who hold the network's current leadership roles. Each is emailed. If a "
            "community of the same name exists already, it is linked instead and the leads are named there.",
        ]

    def perform(self):
        return services.open_community(self.request.user, self.object.network)

    def success_message(self, result):
        network, created = result
        return (f"{network.name} now has a community." if created
                else f"{network.name} is linked to the community of the same name.")


class NameLeadsView(_NetworkAction):
    button = "Name them leads"

    @property
    def title(self) -> str:
        return f"Name {self.object.network.name}'s leads in its community?"

    def not_possible(self) -> str:
        row = self.object
        if not row.community:
            return f"{row.network.name} has no community yet: open one first."
        if not row.leads_to_name:
            return f"Every current lead of {row.network.name} already leads its community."
        return ""

    def summary(self):
        return [("To be named", _names(self.object.leads_to_name))] if self.object.leads_to_name else []

    def paragraphs(self):
        return ["Each person is named a lead of the community and emailed. Leads who no longer hold a role stay "
                "until the communities' admins remove them."]

    def perform(self):
        return services.name_leads(self.request.user, self.object.network)

    def success_message(self, result):
        return f"{len(result)} lead{'s' if len(result) != 1 else ''} named: {_names(result)}."
