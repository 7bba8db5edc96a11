"""The managed network's panel on a leader's home page (see academy/ui/home.py), registered from apps.py:
their next Big Room, a mentoring pair to agree, a check-in that is due, and their mentoring under way. Two
queries whatever the data; only the person's own records."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from academy.ui.formats import nhs_date
from academy.ui.home import HomeItem, register_home_panel
from programmes.network import mentoring_selectors, mentoring_services, selectors
from programmes.network.models import CHECKIN_MONTHS, RsvpStatus


def _name(user) -> str:
    return user.get_full_name() or user.email


@register_home_panel("The managed network", order=15, leader=True)
def network_items(user, now) -> list[HomeItem]:
    items = []
    rsvp = selectors.next_big_room_of(user, now)
    if rsvp is not None:
        event = rsvp.event
        if rsvp.status == RsvpStatus.WAITING:
            text = "You are on the waiting list."
        elif rsvp.table_number:
            text = f"You are coming. Your table is table {rsvp.table_number}."
        else:
            text = "You are coming."
        items.append(HomeItem(f"Big Room: {event.title}", reverse("network:event", args=[event.pk]), text=text,
                              deadline=timezone.localtime(event.starts_at), deadline_label="Starts"))
    today = timezone.localdate(now)
    for pair in mentoring_selectors.live_pairs_of(user):
        as_mentor = pair.mentor_id == user.pk
        other = _name(pair.mentee if as_mentor else pair.mentor)
        url = reverse("network:mentoring_pair", args=[pair.pk])
        if pair.is_proposed:
            mine = pair.mentor_agreed_at if as_mentor else pair.mentee_agreed_at
            if mine is None:
                items.append(HomeItem(f"Agree your mentoring with {other}", url,
                                      text="Agree your goals, how often you meet and an end date to start."))
            continue
        due = [m for m in CHECKIN_MONTHS
               if m not in pair.answered and mentoring_services.checkin_open(pair, m, today)]
        if due:
            months = due[-1]
            items.append(HomeItem(
                f"Your {months}-month mentoring check-in", reverse("network:mentoring_checkin", args=[pair.pk, months]),
                text=f"With {other}: did you meet, and how useful is it?",
                deadline=mentoring_services.checkin_due_on(pair, months), deadline_label="Due"))
            continue
        coming = [due for m in CHECKIN_MONTHS if (due := mentoring_services.checkin_due_on(pair, m)) > today]
        text = f"Your next check-in is due on {nhs_date(coming[0])}." if coming else ""
        items.append(HomeItem(f"{'You mentor' if as_mentor else 'Your mentor is'} {other}", url, text=text))
    return items
