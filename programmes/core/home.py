"""The cohort engine's panels on the home page (see academy/ui/home.py), registered from apps.py."""

from __future__ import annotations

from django.urls import reverse

from academy.accounts.models import Role
from academy.ui.formats import nhs_datetime_range, nhs_time_range
from academy.ui.home import HomeItem, register_home_panel
from programmes.core.models import ApplicationState
from programmes.core.selectors import home as selectors


@register_home_panel("Your programmes", order=10, leader=True)
def leader_items(user, now) -> list[HomeItem]:
    """A leader's offers to answer, drafts about to close, sessions this week and reflections to write:
    four queries, the person's own records only."""
    items = []
    for application in selectors.leader_applications_needing_action(user, now):
        url = reverse("programmes:application", args=[application.pk])
        if application.state == ApplicationState.OFFERED:
            items.append(HomeItem(f"Answer your offer of a place on {application.cohort.title}", url,
                                  deadline=application.offer_expires_at, deadline_label="Answer by"))
        else:
            items.append(HomeItem(f"Send your application for {application.cohort.title}",
                                  reverse("programmes:apply", args=[application.cohort_id]),
                                  text="Your application is still a draft.",
                                  deadline=application.cohort.applications_close, deadline_label="Send it by"))
    for session in selectors.leader_sessions_this_week(user, now):
        items.append(HomeItem(
            f"{session.title} ({session.cohort.title})", reverse("programmes:my_academy"),
            text=f"This week: {nhs_datetime_range(session.starts_at, session.ends_at)}.",
        ))
    to_reflect = selectors.leader_reflections_to_write(user, now)
    if to_reflect:
        first = to_reflect[0]
        items.append(HomeItem(
            "Reflections to write", reverse("programmes:session_reflection", args=[first.pk]) if len(to_reflect) == 1
            else reverse("programmes:my_academy"), count=len(to_reflect),
            text=f"Your learning log has no reflection yet on {first.title}"
            + (f" and {len(to_reflect) - 1} more session{'s' if len(to_reflect) > 2 else ''}." if len(to_reflect) > 1
               else "."),
        ))
    return items


@register_home_panel("Programmes you run", order=20)
def programme_admin_items(user, now) -> list[HomeItem]:
    """A programme admin's applications to review, offers about to lapse and today's sessions (attendance),
    for the programmes they run: two queries."""
    figures = selectors.admin_application_figures(user, now)
    if figures is None:
        return []
    items = []
    if figures["to_review"]:
        items.append(HomeItem("Applications to review", reverse("programmes:admin_cohorts"),
                              count=figures["to_review"]))
    if figures["lapsing"]:
        items.append(HomeItem("Offers about to lapse", reverse("programmes:admin_cohorts"), count=figures["lapsing"],
                              text="Offers not yet answered that lapse within two days.",
                              deadline=figures["first_lapse"], deadline_label="The first lapses"))
    for session in selectors.admin_sessions_today(user, now):
        items.append(HomeItem(
            f"Attendance: {session.title} ({session.cohort.title})",
            reverse("programmes:attendance", args=[session.pk]),
            text=f"Today, {nhs_time_range(session.starts_at, session.ends_at)}.",
        ))
    return items


@register_home_panel("Applications to score", order=30)
def reviewer_items(user, now) -> list[HomeItem]:
    """A panel member's applications not yet scored (one query)."""
    if not user.has_role(Role.REVIEWER):
        return []
    left = selectors.applications_left_to_score(user)
    if not left:
        return []
    return [HomeItem("Applications you have not scored", reverse("programmes:review"), count=left)]
