"""Demo notifications: the demo leader, programme admin and reviewer each have a few read and unread
messages in their inbox, and the leader gets reminders in a daily digest. Idempotent: each message has its
own key, so a second run records nothing more. They are recorded as already emailed (nothing is sent)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.directory.demo import DEMO_BUILDERS, DEMO_DOMAIN, SeedContext
from academy.notifications import services
from academy.notifications.models import Delivery, Notification, NotificationPreference, NotificationStatus

CORE = "Core programme 2026: leading across the system"

# (person, key, template, context, link, read)
MESSAGES = [
    (
        "leader",
        "demo:leader:session-week",
        "session_reminder",
        {
            "session": "Day 4: Population health and inequalities",
            "cohort": CORE,
            "when": "in a week",
            "where": "Guy's Hospital, Education Centre, Great Maze Pond",
        },
        "programmes:my_academy",
        True,
    ),
    (
        "leader",
        "demo:leader:cohort-message",
        "cohort_message",
        {
            "cohort": CORE,
            "subject": "Room change for day 4",
            "body": "Day 4 is now in the Hodgkin Room on the 2nd floor of the Education Centre. Lunch is provided; "
            "tell us by Friday if you have a dietary need.\n\nBest wishes,\nPriya Raman, Programme lead",
        },
        "programmes:my_academy",
        False,
    ),
    (
        "leader",
        "demo:leader:reflection-reply",
        "reflection_reply",
        {"sender": "Priya Raman", "cohort": CORE},
        "programmes:my_academy",
        False,
    ),
    (
        "leader",
        "demo:leader:reflection-prompt",
        "reflection_prompt",
        {"session": "Day 3: Leading change across organisations", "cohort": CORE},
        "programmes:my_academy",
        True,
    ),
    (
        "programme-admin",
        "demo:admin:review-ready",
        "review_ready",
        {"cohort": "Developmental programme 2027: emerging system leaders"},
        "programmes:review",
        False,
    ),
    (
        "programme-admin",
        "demo:admin:cohort-message",
        "cohort_message",
        {
            "cohort": CORE,
            "subject": "Room change for day 4",
            "body": "A copy of the message sent to your cohort: day 4 is now in the Hodgkin Room.",
        },
        "programmes:admin_cohorts",
        True,
    ),
    (
        "reviewer",
        "demo:reviewer:review-ready",
        "review_ready",
        {"cohort": "Developmental programme 2027: emerging system leaders"},
        "programmes:review",
        False,
    ),
]


def build_notifications(ctx: SeedContext) -> None:
    people = {
        user.email.split("@")[0]: user
        for user in User.objects.filter(
            email__in=[f"{local}@{DEMO_DOMAIN}" for local in ("leader", "programme-admin", "reviewer")]
        )
    }
    now = timezone.now()
    made = 0
    for age, (local, key, template, context, url_name, read) in enumerate(reversed(MESSAGES)):
        person = people.get(local)
        if person is None:
            continue
        link = reverse(url_name)
        if template in ("session_reminder", "reflection_prompt", "review_ready", "reflection_reply"):
            context = {**context, "url": settings.ACADEMY_SITE_URL + link}
        notification = services.record(
            key, template, person.email, {"first_name": person.first_name, **context}, person, link=link
        )
        if notification is None:
            continue
        made += 1
        sent = now - timedelta(hours=6 * (age + 1))  # spread over the last two days, none in the future
        Notification.objects.filter(pk=notification.pk).update(
            status=NotificationStatus.SENT, created_at=sent, sent_at=sent, read_at=sent if read else None
        )
    # The demo leader reads reminders in one email a day.
    if "leader" in people:
        NotificationPreference.objects.get_or_create(
            user=people["leader"], kind="reminders", defaults={"delivery": Delivery.DIGEST}
        )
    ctx.counts["demo notifications"] = made


DEMO_BUILDERS.append(("notifications", build_notifications))
