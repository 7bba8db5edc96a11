"""Calendars: one session as an .ics file, and a person's private calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from academy.ui.shortcuts import home_crumb as _home
from programmes.core import ics, selectors, services
from programmes.core.views.base import my_academy_crumb


def calendar_feed_url(request, feed) -> str:
    if feed is None:
        return ""
    return request.build_absolute_uri(reverse("programmes:calendar_feed", args=[feed.token]))


def _ics_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class SessionCalendarView(PermissionRequiredMixin, View):
    """One session as an .ics file, for people with a place on its cohort."""

    permission_required = "programmes.view_my_academy"

    def get(self, request, pk):
        session = selectors.own_session(request.user, pk)
        return _ics_response(ics.calendar([session], name=session.cohort.title), f"academy-session-{session.pk}.ics")


class CalendarFeedView(View):
    """A person's private calendar feed: the long random token is the key, so no sign-in (calendar apps
    cannot sign in). Renewing the token stops the old address working."""

    def get(self, request, token):
        user = selectors.feed_user(token)
        sessions = selectors.own_sessions(user, upcoming_only=False)
        return _ics_response(ics.calendar(sessions), "academy.ics")


class CalendarFeedManageView(PermissionRequiredMixin, TemplateView):
    permission_required = "programmes.view_my_academy"
    template_name = "programmes/core/calendar_feed.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        feed = selectors.own_feed(self.request.user)
        context.update(
            feed=feed, feed_url=calendar_feed_url(self.request, feed), breadcrumbs=[_home(), my_academy_crumb()]
        )
        return context

    def post(self, request, *args, **kwargs):
        had_feed = selectors.own_feed(request.user) is not None
        if had_feed:
            services.renew_calendar_feed(request.user)
            messages.success(request, "Your calendar feed has a new address. The old one no longer works.")
        else:
            services.calendar_feed(request.user)
            messages.success(request, "Your calendar feed is ready. Copy its address into your calendar app.")
        return redirect("programmes:calendar_feed_manage")
