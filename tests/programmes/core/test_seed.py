"""seed_demo gives the curriculum cohorts in every state and the demo leader something in each stage."""

import holidays
import pytest
from django.core.management import call_command

from academy.workflow.models import Transition
from programmes.core.models import Application, Cohort, LearningGroup, Session

pytestmark = pytest.mark.django_db


def test_curriculum_demo_is_complete_and_idempotent(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-for-tests")
    call_command("seed_demo")
    counts = [Model.objects.count() for Model in (Cohort, Session, Application, Transition)]
    groups = LearningGroup.objects.count()
    call_command("seed_demo")
    assert [Model.objects.count() for Model in (Cohort, Session, Application, Transition)] == counts
    # action learning sets: the running core programme is grouped, each set with a shared problem
    assert LearningGroup.objects.count() == groups >= 2
    assert not LearningGroup.objects.filter(shared_problem="").exists()
    assert LearningGroup.objects.filter(memberships__application__applicant__email="leader@demo.academy.test").exists()
    stages = {cohort.stage() for cohort in Cohort.objects.all()}
    assert stages >= {"Open", "Opening soon", "Closed to new applications", "Running", "Finished", "Not published"}
    curriculum = Cohort.objects.filter(programme__slug="curriculum")
    assert {c.offer_type for c in curriculum} == {"core", "developmental", "modular"}
    mine = set(Application.objects.filter(applicant__email="leader@demo.academy.test").values_list("state", flat=True))
    assert mine == {"draft", "awaiting_line_manager", "offered", "accepted", "completed"}
    full = curriculum.get(title__startswith="Inspiration session")  # the communities have their own too
    assert full.places_held == full.capacity
    assert full.applications.filter(state="waiting_list").exists()
    for cohort in Cohort.objects.all():
        held = cohort.applications.filter(state__in=["offered", "accepted", "suspended", "completed"]).count()
        assert cohort.places_held == held
    _demo_is_believable()


def _demo_is_believable():
    """What a user would notice: sessions on working days only, each applicant's own applied problem, and
    sessions whose format, dates, times and CPD hours match their cohort's."""
    from django.utils import timezone

    bank_holidays = holidays.country_holidays("GB", subdiv="ENG", years=range(2020, 2035))
    for session in Session.objects.all():
        day = timezone.localtime(session.starts_at).date()
        assert day.weekday() < 5, f"{session} is on a weekend"
        assert day not in bank_holidays, f"{session} is on {bank_holidays.get(day)}"
    problems = list(Application.objects.exclude(applied_problem="").exclude(
        applicant__email="leader@demo.academy.test").values_list("applied_problem", flat=True))
    assert len(problems) > 20 and len(set(problems)) >= 10
    cohorts = Cohort.objects.filter(sessions__isnull=False).distinct().prefetch_related("sessions")
    for cohort in cohorts:
        sessions = list(cohort.sessions.all())
        assert {s.delivery_format for s in sessions} == {cohort.delivery_format}, cohort.title
        hours = sum((s.ends_at - s.starts_at).total_seconds() for s in sessions) / 3600
        assert hours == float(cohort.cpd_hours), cohort.title
        first, last = (timezone.localtime(s.starts_at).date() for s in (sessions[0], sessions[-1]))
        assert (cohort.starts_on, cohort.ends_on) == (first, last), cohort.title
        for session in sessions:
            assert bool(session.venue) == (session.delivery_format != "online")
            assert bool(session.online_link) == (session.delivery_format != "in_person")


def test_learning_log_demo(monkeypatch):
    from programmes.core.models import CohortFaculty, Reflection, ReflectionReply

    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-for-tests")
    call_command("seed_demo")
    counts = [Model.objects.count() for Model in (CohortFaculty, Reflection, ReflectionReply)]
    call_command("seed_demo")
    assert [Model.objects.count() for Model in (CohortFaculty, Reflection, ReflectionReply)] == counts
    mine = Reflection.objects.filter(author__email="leader@demo.academy.test")
    assert mine.filter(shared=True, replies__isnull=False).exists() and mine.filter(shared=False).exists()
    assert mine.filter(session__isnull=True, cohort__requires_final_reflection=True).exists()
    assert Reflection.objects.exclude(author__email="leader@demo.academy.test").filter(shared=True).exists()
    assert CohortFaculty.objects.filter(user__email="faculty@demo.academy.test").count() == 2
    assert Cohort.objects.filter(offer_type="core", requires_final_reflection=True).exists()
    assert not Cohort.objects.filter(offer_type="modular", requires_final_reflection=True).exists()


def test_curriculum_scale_builder(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "a-demo-password-for-tests")
    call_command("seed_scale", "--factor", "1")
    cohorts = Cohort.objects.filter(title__startswith="Scale test cohort")
    assert cohorts.count() == 8
    roster = cohorts.order_by("pk").first()
    assert roster.applications.filter(state="accepted").count() == 50
    for cohort in cohorts:
        held = cohort.applications.filter(state__in=["offered", "accepted", "completed"]).count()
        assert cohort.places_held == held <= cohort.capacity
    call_command("seed_scale", "--factor", "1", "--reset")
    assert Cohort.objects.filter(title__startswith="Scale test cohort").count() == 8
