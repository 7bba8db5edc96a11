"""The published programme (issue 11, schedule slice): the latest released version of an edition's schedule,
filtered by theme, room and type; each session's page; speakers' pages (their name, and the role, organisation
and biography they chose to show); favourites for signed-in people, and their private calendar feed.

Like the calls for proposals and the programme catalogue, the programme reads without signing in: it is what
the conference publishes. Favourites and the feed need an account; the feed's long random token is its key
(calendar apps cannot sign in), and the person can replace it or turn it off."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView

from academy.ui.shortcuts import home_crumb
from programmes.conference import schedule_selectors, schedule_services
from programmes.conference.calendar import sessions_calendar
from programmes.conference.models import Proposal, SessionKind
from programmes.conference.views.base import SignedInMixin, conference_crumb


def programme_crumbs(edition=None):
    crumbs = [home_crumb(), conference_crumb()]
    if edition is not None:
        crumbs.append((f"Programme: {edition.name}", reverse("conference:programme", args=[edition.slug])))
    return crumbs


class ProgrammeIndexView(TemplateView):
    template_name = "conference/programme_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(editions=schedule_selectors.programme_editions(), breadcrumbs=programme_crumbs())
        return context


class ProgrammeView(TemplateView):
    template_name = "conference/programme.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition, version = schedule_selectors.programme_edition(self.kwargs["slug"])
        get = self.request.GET
        theme, room = get.get("theme", ""), get.get("room", "")
        kind = get.get("type", "") if get.get("type", "") in SessionKind.values else ""
        user = self.request.user
        favourites = schedule_selectors.favourite_ids(user, edition)
        mine = bool(get.get("mine")) and user.is_authenticated
        sessions = schedule_selectors.programme_sessions(
            version, theme=theme, room=room, kind=kind, only_ids=favourites if mine else None)
        days = [(day, list(items)) for day, items in groupby(sessions, key=lambda s: s.day)]
        context.update(
            edition=edition, version=version, days=days, count=len(sessions), favourites=favourites,
            filters=schedule_selectors.programme_filters(edition, version),
            chosen={"theme": theme, "room": room, "type": kind, "mine": mine},
            filtered=bool(theme or room or kind or mine),
            breadcrumbs=programme_crumbs(),
        )
        return context


class ProgrammeSessionView(TemplateView):
    template_name = "conference/programme_session.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition, version = schedule_selectors.programme_edition(self.kwargs["slug"])
        session = schedule_selectors.programme_session(version, self.kwargs["pk"])
        context.update(
            edition=edition, session=session,
            favourites=schedule_selectors.favourite_ids(self.request.user, edition),
            breadcrumbs=programme_crumbs(edition),
        )
        return context


class SpeakerView(TemplateView):
    template_name = "conference/programme_speaker.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition, version = schedule_selectors.programme_edition(self.kwargs["slug"])
        page = schedule_selectors.speaker_page(version, self.kwargs["user_pk"])
        context.update(edition=edition, page=page, breadcrumbs=programme_crumbs(edition))
        return context


class FavouriteView(SignedInMixin, View):
    """POST only: mark a session as a favourite, or unmark it; back to the page it came from."""

    http_method_names = ["post"]

    def post(self, request, slug, pk):
        edition, _version = schedule_selectors.programme_edition(slug)
        proposal = get_object_or_404(Proposal, pk=pk, edition=edition)
        try:
            if request.POST.get("favourite") == "no":
                schedule_services.remove_favourite(request.user, proposal)
                messages.success(request, f"“{proposal.title}” is no longer one of your favourites.")
            else:
                schedule_services.add_favourite(request.user, proposal)
                messages.success(request, f"“{proposal.title}” is one of your favourites.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
            target = reverse("conference:programme", args=[edition.slug])
        return redirect(target)


class FeedManageView(SignedInMixin, TemplateView):
    """The person's private calendar feed of their favourite sessions: set it up, get a new address, turn it off."""

    template_name = "conference/programme_feed.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        feed = schedule_selectors.feed_of(self.request.user)
        context.update(
            feed=feed,
            feed_url=self.request.build_absolute_uri(reverse("conference:programme_feed", args=[feed.token]))
            if feed else "",
            breadcrumbs=programme_crumbs(),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action == "stop":
            schedule_services.stop_programme_feed(request.user)
            messages.success(request, "Your conference calendar feed is turned off: its address no longer works.")
        elif action == "renew":
            schedule_services.renew_programme_feed(request.user)
            messages.success(request, "Your conference calendar feed has a new address. The old one no longer works.")
        else:
            schedule_services.programme_feed(request.user)
            messages.success(request, "Your conference calendar feed is set up.")
        return redirect("conference:programme_feed_manage")


class FeedView(View):
    """The feed itself: the favourite sessions as they are in each edition's latest released version."""

    def get(self, request, token):
        sessions = schedule_selectors.feed_sessions(token)
        body = sessions_calendar([(s, s.proposal.edition) for s in sessions], "My conference sessions")
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="conference-favourites.ics"'
        response["Cache-Control"] = "private, no-store"
        return response
