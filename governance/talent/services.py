"""Vacancy alerts: when a leadership role's vacancy opens, each network member who asked for vacancy
alerts and whose priority functions and place match the role is emailed, once per member per vacancy
(the notification key names both), after the transaction commits. The hourly catch-up
(``governance.tasks.send_vacancy_alerts``) reaches members who joined the pool while a vacancy was open,
and vacancies whose alerts were lost."""

from __future__ import annotations

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from academy.notifications.services import email_user_after_commit
from academy.ui.formats import nhs_date
from governance.models import Vacancy, VacancyState
from governance.talent.selectors import role_target
from programmes.network import talent_selectors

log = logging.getLogger(__name__)
TEMPLATE = "talent_vacancy_alert"


def alert_key(vacancy_id: int, person_id: int) -> str:
    return f"talent-vacancy-alert:{vacancy_id}:{person_id}"


def send_vacancy_alerts(vacancy: Vacancy, today=None) -> int:
    """Queue the alerts for one open vacancy (after commit). Returns how many were newly queued."""
    today = today or timezone.localdate()
    if vacancy.state != VacancyState.OPEN or vacancy.closes_on < today:
        return 0
    role = vacancy.role
    target = role_target(role, today)
    path = reverse("governance:vacancy", args=[vacancy.pk])
    context = {
        "role": role.title,
        "where": role.clinical_network.name if role.clinical_network_id else role.body,
        "function": role.function.name,
        "closes_on": nhs_date(vacancy.closes_on),
        "url": settings.ACADEMY_SITE_URL + path,
        "talent_url": settings.ACADEMY_SITE_URL + reverse("network:talent"),
    }
    sent = 0
    for person in talent_selectors.alert_recipients(function_id=target.function_id, place=target.place):
        if person.pk == role.holder_id:
            continue
        if email_user_after_commit(alert_key(vacancy.pk, person.pk), TEMPLATE, person, context, link=path):
            sent += 1
    if sent:
        log.info("vacancy pk=%s: %s talent pool alert(s) queued", vacancy.pk, sent)
    return sent


def open_vacancies(today=None):
    today = today or timezone.localdate()
    return (
        Vacancy.objects.filter(state=VacancyState.OPEN, closes_on__gte=today)
        .select_related("role__function", "role__borough", "role__collaborative", "role__organisation",
                        "role__clinical_network")
        .order_by("pk")
    )
