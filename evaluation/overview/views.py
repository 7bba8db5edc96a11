"""The /evaluation/ overview: one headline figure for each evaluation app, with a link to each page the
person may open (the ICS Executive reads the inclusion headline page instead of the full tables)."""

from __future__ import annotations

from django.urls import reverse
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from academy.reports.suppression import DEFAULT_THRESHOLD
from academy.ui.shortcuts import home_crumb
from evaluation.overview import selectors

# Where someone who may not open an app's main page can still read its headline page.
FALLBACKS = {"inclusion": ("evaluation_inclusion:headline", "evaluation_inclusion.view_headline")}


class OverviewView(PermissionRequiredMixin, TemplateView):
    permission_required = "evaluation_overview.view"
    template_name = "evaluation_overview/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        cards = []
        for headline in selectors.headlines():
            url = None
            if user.has_perm(headline.permission):
                url = reverse(headline.url_name)
            elif headline.key in FALLBACKS and user.has_perm(FALLBACKS[headline.key][1]):
                url = reverse(FALLBACKS[headline.key][0])
            cards.append({"headline": headline, "url": url})
        context.update(cards=cards, breadcrumbs=[home_crumb()],
                       may_read_programmes=user.has_perm("evaluation_overview.read_programme_readings"))
        return context


class BehaviourAndCoachingView(PermissionRequiredMixin, TemplateView):
    """Behaviour at three months (shadowing's follow-up) and coaching, in aggregate, for evaluators."""

    permission_required = "evaluation_overview.read_programme_readings"
    template_name = "evaluation_overview/behaviour_and_coaching.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "readings": selectors.programme_readings(),
            "breadcrumbs": [home_crumb(), ("Evaluation", reverse("evaluation:overview"))],
        }


class ConferenceReactionView(PermissionRequiredMixin, TemplateView):
    """Level 1 (reaction) at the conference, per edition, in aggregate, for evaluators."""

    permission_required = "evaluation_overview.read_programme_readings"
    template_name = "evaluation_overview/conference_reaction.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "editions": selectors.conference_reaction(),
            "threshold": DEFAULT_THRESHOLD,
            "breadcrumbs": [home_crumb(), ("Evaluation", reverse("evaluation:overview"))],
        }
