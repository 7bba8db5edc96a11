"""The Academy's front door and its statements: open to everyone, signed in or not."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.views.generic import TemplateView

from academy.ui.context_processors import user_has_perm
from academy.ui.home import home_panels


def _url(name: str) -> str | None:
    """The path for a URL name, or None while the feature behind it is not there."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


class HomeView(TemplateView):
    """Anonymous people get an introduction to the Academy; signed-in people get "Your Academy"."""

    def get_template_names(self):
        if self.request.user.is_authenticated:
            return ["ui/home_signed_in.html"]
        return ["ui/home.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if not user.is_authenticated:
            return context
        panels = home_panels(user)
        context["panels"] = panels
        context["catalogue_url"] = _url("programmes:catalogue")
        # Staff are asked for a leader profile only if they take part as leaders too (a panel of their own).
        context["needs_profile"] = not hasattr(user, "profile") and (
            not user.has_staff_role or any(panel.leader for panel in panels)
        )
        cards = []

        def add(url_name: str, title: str, description: str) -> None:
            url = _url(url_name)
            if url:
                cards.append({"url": url, "title": title, "description": description})

        add(
            "directory:search",
            "Leaders directory",
            "Find clinical and care professional leaders across south east London by profession, borough "
            "and organisation.",
        )
        if hasattr(user, "profile"):
            add(
                "directory:profile",
                "Your profile",
                "See and update your leader profile: your roles, your organisation and what you would like "
                "to develop.",
            )
        add(
            "challenge_fund:index",
            "SEL Challenge Fund",
            "Bid for funding for a system improvement project, with partners from other organisations.",
        )
        if user_has_perm(user, "challenge_fund.review"):
            add("challenge_fund:reviews", "Review bids", "Declare any conflict of interest, then score the bids "
                "you are asked to review.")
        if user_has_perm(user, "challenge_fund.manage_rounds"):
            add("challenge_fund:manage", "Manage the Challenge Fund", "Set up funding rounds and follow their bids.")
        if user_has_perm(user, "accounts.manage_roles"):
            add("accounts:roles", "Manage roles", "Give people roles on the portal, or take them away.")
        if user_has_perm(user, "privacy.view_access_log"):
            add("privacy:access_log", "Access log", "Search who on the Academy team opened whose personal data, "
                "and when.")
        if user_has_perm(user, "directory.view_equality_summary"):
            add(
                "directory:equality_summary",
                "Equality monitoring summary",
                "See who the Academy reaches, in totals only. Numbers under 5 are not shown.",
            )
        context["cards"] = cards
        context["profile_edit_url"] = _url("directory:profile_edit") if context["needs_profile"] else None
        return context


class PrivacyView(TemplateView):
    template_name = "ui/privacy.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [("Home", reverse("ui:home"))]
        return context


class AccessibilityView(PrivacyView):
    template_name = "ui/accessibility.html"
