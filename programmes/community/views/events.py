"""A community's events, for its leads and the programme's admins: the cohorts shown on the community's page, one
to add from the published cohorts that have not ended, and a link to take one off. Others are refused (403), and a
closed community is not found for anyone who may not read it. The service checks again."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View

from academy.ui.confirm import ConfirmActionView
from academy.ui.formats import nhs_date_range
from academy.ui.shortcuts import home_crumb, submit
from programmes.community import events, rules
from programmes.community.views.communities import CommunityMixin, index_crumb
from programmes.community.views.ideas import FormPageMixin


class CohortChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, cohort):
        return f"{cohort.title} ({cohort.programme.name}), {nhs_date_range(cohort.starts_on, cohort.ends_on)}"


class EventForm(forms.Form):
    cohort = CohortChoiceField(
        label="Event to show", queryset=None, empty_label="Choose an event",
        help_text="Published programmes' cohorts that have not ended: inspiration sessions, workshops and seminars. "
                  "People book them through the programme's page, as for any cohort.",
        error_messages={"required": "Choose the event to show", "invalid_choice": "Choose an event from the list"},
    )

    def __init__(self, *args, community, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = events.addable_cohorts(community)


class EventsMixin(CommunityMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            community = self.get_community()
            if not rules.allowed(request.user, "community.read_discussions", community):
                raise Http404("No such community.")
            if not rules.allowed(request.user, "community.manage_events", community):
                raise PermissionDenied("Only the community's leads and the programme's admins change its events.")
        return super().dispatch(request, *args, **kwargs)

    def crumbs(self):
        community = self.get_community()
        return [home_crumb(), index_crumb(), (community.name, reverse("community:community", args=[community.slug]))]


class EventsView(EventsMixin, FormPageMixin, View):
    template_name = "community/events.html"
    button = "Add the event"

    @property
    def title(self):
        return f"Events of {self.get_community().name}"

    def make_form(self, data=None):
        return EventForm(data, community=self.get_community())

    def page_context(self):
        community = self.get_community()
        return {"community": community, "events": events.all_events(community), "breadcrumbs": self.crumbs()}

    def post(self, request, *args, **kwargs):
        form = self.make_form(request.POST)
        outcome = submit(form, lambda data: events.add_event(request.user, self.get_community(), data["cohort"]))
        if not outcome:
            return self.render_form(form, status=400)
        event = outcome.result
        messages.success(request, f"{event.cohort.title} is now shown on {self.get_community().name}'s page.")
        return redirect("community:events", self.get_community().slug)


class RemoveEventView(EventsMixin, ConfirmActionView):
    button = "Take it off the page"
    warning = True

    def get_object(self):
        return events.event_for(self.get_community(), self.kwargs["pk"])

    @property
    def title(self):
        return f"Take {self.object.cohort.title} off {self.get_community().name}'s page?"

    def paragraphs(self):
        return ["The cohort itself, its places and bookings do not change: it is no longer listed on the community's "
                "page."]

    def perform(self):
        events.remove_event(self.request.user, self.object)
        return self.object

    def success_message(self, result):
        return f"{result.cohort.title} is no longer shown on {self.get_community().name}'s page."

    def success_url(self, result):
        return reverse("community:events", args=[self.get_community().slug])

    def breadcrumbs(self):
        return self.crumbs()
