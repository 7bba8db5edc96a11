"""The learning log: reflections per session and a final one, private or shared with the cohort's faculty
and coaches (portal users the programme admin adds), replies, the reflection prompt, and the final
reflection in the completion rule."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from programmes.core import presenters, services, tasks
from programmes.core.models import (
    Application,
    ApplicationState,
    Attendance,
    CohortFaculty,
    Reflection,
    ReflectionReply,
    Session,
)
from tests.conftest import give_mfa, make_person
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory, SessionFactory

S = ApplicationState
pytestmark = pytest.mark.django_db


def past_session(cohort=None, days_ago=1, **kwargs) -> Session:
    ends = timezone.now() - timedelta(days=days_ago)
    extra = {"cohort": cohort} if cohort is not None else {}
    return SessionFactory(starts_at=ends - timedelta(hours=3), ends_at=ends, **extra, **kwargs)


@pytest.fixture
def log():
    """A cohort with a past session, a participant, a faculty member, and the curriculum's admin."""
    session = past_session()
    cohort = session.cohort
    leader = UserFactory(first_name="Amara", last_name="Okafor")
    place = Application.objects.create(cohort=cohort, applicant=leader, state=S.ACCEPTED)
    admin = make_person("programme_admin")
    faculty = UserFactory(first_name="Ayesha", last_name="Khan")
    services.add_faculty(admin, cohort, faculty, "faculty")
    return {"cohort": cohort, "session": session, "leader": leader, "place": place, "admin": admin,
            "faculty": faculty}


def title(response) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    return match.group(1).strip() if match else ""


# --- services ------------------------------------------------------------------------------------------


def test_write_edit_share_and_unshare_keep_history(log):
    leader, cohort, session = log["leader"], log["cohort"], log["session"]
    reflection = services.save_reflection(leader, cohort, "  I noticed how much the boundaries matter.  ",
                                          shared=False, session=session)
    assert reflection.text == "I noticed how much the boundaries matter." and not reflection.shared
    again = services.save_reflection(leader, cohort, "Boundaries, and who is in the room.", shared=True,
                                     session=session)
    assert again.pk == reflection.pk and again.shared
    services.save_reflection(leader, cohort, "Boundaries, and who is in the room.", shared=False, session=session)
    reflection.refresh_from_db()
    assert not reflection.shared
    assert Reflection.objects.count() == 1
    assert [h.shared for h in reflection.history.order_by("history_date")] == [False, True, False]
    final = services.save_reflection(leader, cohort, "Looking back over the whole cohort.", shared=True)
    assert final.is_final and final.subject == "Final reflection"
    assert Reflection.objects.count() == 2


def test_bad_input_is_refused_and_nothing_saved(log):
    leader, cohort, session = log["leader"], log["cohort"], log["session"]
    with pytest.raises(ValidationError) as empty:
        services.save_reflection(leader, cohort, "   ", shared=True, session=session)
    assert empty.value.message_dict == {"text": ["Enter your reflection"]}
    other_session = past_session()
    with pytest.raises(ValidationError, match="not part of this cohort"):
        services.save_reflection(leader, cohort, "Text", shared=False, session=other_session)
    upcoming = SessionFactory(cohort=cohort)
    with pytest.raises(ValidationError, match="once it has started"):
        services.save_reflection(leader, cohort, "Text", shared=False, session=upcoming)
    with pytest.raises(PermissionDenied, match="Only people with a place"):
        services.save_reflection(UserFactory(), cohort, "Text", shared=False, session=session)
    waiting = UserFactory()
    Application.objects.create(cohort=cohort, applicant=waiting, state=S.WAITING_LIST)
    with pytest.raises(PermissionDenied):
        services.save_reflection(waiting, cohort, "Text", shared=False)
    assert not Reflection.objects.exists()


def test_replies_thread_and_email_a_link_without_the_text(log):
    from academy.notifications import services as notifications
    from academy.notifications.models import Notification

    leader, faculty, cohort, session = log["leader"], log["faculty"], log["cohort"], log["session"]
    reflection = services.save_reflection(leader, cohort, "A private worry about the discharge team.",
                                          shared=True, session=session)
    mail.outbox.clear()
    reply = services.reply_to_reflection(faculty, reflection, "Who else would you bring into the room?")
    assert reply.author == faculty
    notification = Notification.objects.get(template="reflection_reply")
    assert notification.recipient == leader and notification.key == f"reflection-reply:{reply.pk}"
    notifications.deliver(notification.pk)
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [leader.email]
    url = presenters.site_url(reverse("programmes:reflection", args=[reflection.pk]))
    assert url in email.body and "Ayesha Khan" in email.body
    assert "discharge team" not in email.body and "Who else" not in email.body
    assert "discharge team" not in email.alternatives[0][0] and "Who else" not in email.alternatives[0][0]
    services.reply_to_reflection(leader, reflection, "The community nursing lead.")
    assert Notification.objects.filter(recipient=leader).count() == 1  # the author's own reply does not email them
    assert list(reflection.replies.values_list("author", flat=True)) == [faculty.pk, leader.pk]


def test_the_authors_answer_emails_the_faculty_in_the_thread_only(log):
    from academy.notifications import services as notifications
    from academy.notifications.models import Notification

    leader, faculty, cohort, session = log["leader"], log["faculty"], log["cohort"], log["session"]
    coach = UserFactory(first_name="Grace", last_name="Obi")
    services.add_faculty(log["admin"], cohort, coach, "coach")
    silent = UserFactory()
    services.add_faculty(log["admin"], cohort, silent, "faculty")
    reflection = services.save_reflection(leader, cohort, "What the ward round taught me.", shared=True,
                                          session=session)
    services.reply_to_reflection(faculty, reflection, "What would you try next time?")
    services.reply_to_reflection(faculty, reflection, "And who would you ask?")
    services.reply_to_reflection(coach, reflection, "Good question to take to your set.")
    services.remove_faculty(log["admin"], CohortFaculty.objects.get(cohort=cohort, user=coach))
    mail.outbox.clear()

    reply = services.reply_to_reflection(leader, reflection, "Ask the discharge coordinator first.")
    sent = Notification.objects.filter(template="reflection_author_reply")
    # Once to the faculty member who replied twice; not the coach who has left, nor faculty who never replied.
    assert [n.recipient for n in sent] == [faculty]
    assert sent.get().key == f"reflection-author-reply:{reply.pk}:{faculty.pk}"
    notifications.deliver(sent.get().pk)
    email = mail.outbox[-1]
    assert email.to == [faculty.email]
    assert email.subject.startswith("Amara Okafor answered you")
    assert presenters.site_url(reverse("programmes:reflection", args=[reflection.pk])) in email.body
    assert "discharge coordinator" not in email.body and "discharge coordinator" not in email.alternatives[0][0]


def test_replies_are_refused_on_private_reflections_and_to_others(log):
    leader, faculty, cohort, session = log["leader"], log["faculty"], log["cohort"], log["session"]
    reflection = services.save_reflection(leader, cohort, "Just for me.", shared=False, session=session)
    with pytest.raises(ValidationError, match="private"):
        services.reply_to_reflection(faculty, reflection, "Hello")
    services.save_reflection(leader, cohort, "Just for me.", shared=True, session=session)
    for outsider in (UserFactory(), log["admin"], make_person("reviewer"), make_person("superuser")):
        with pytest.raises(PermissionDenied):
            services.reply_to_reflection(outsider, reflection, "Hello")
    with pytest.raises(ValidationError, match="Enter your reply"):
        services.reply_to_reflection(faculty, reflection, "  ")
    assert not ReflectionReply.objects.exists()


def test_adding_and_removing_faculty(log):
    admin, cohort = log["admin"], log["cohort"]
    assert CohortFaculty.objects.filter(cohort=cohort, user=log["faculty"]).exists()
    with pytest.raises(ValidationError) as closed:
        services.add_faculty(admin, cohort, UserFactory(is_active=False), "coach")
    assert "active Academy account" in closed.value.message_dict["email"][0]
    with pytest.raises(ValidationError, match="already faculty"):
        services.add_faculty(admin, cohort, log["faculty"], "coach")
    with pytest.raises(ValidationError, match="has a place on the cohort"):
        services.add_faculty(admin, cohort, log["leader"], "coach")
    other_admin = UserFactory()
    with pytest.raises(PermissionDenied):
        services.add_faculty(other_admin, cohort, UserFactory(), "coach")
    assert CohortFaculty.objects.filter(cohort=cohort).count() == 1
    member = CohortFaculty.objects.get(cohort=cohort)
    member_pk = member.pk
    services.remove_faculty(admin, member)
    assert not CohortFaculty.objects.exists()
    assert CohortFaculty.history.filter(id=member_pk, history_type="-").exists()


# --- views and who may read what -----------------------------------------------------------------------


def test_leader_writes_faculty_replies_leader_sees_it(client, log):
    leader, faculty, session = log["leader"], log["faculty"], log["session"]
    client.force_login(leader)
    url = reverse("programmes:session_reflection", args=[session.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"text": "", "sharing": "shared"})
    assert bad.status_code == 400 and title(bad).startswith("Error: ")
    response = client.post(url, {"text": "Seeing the whole system.", "sharing": "shared"})
    reflection = Reflection.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("programmes:reflection", args=[reflection.pk])
    page = client.get(reverse("programmes:my_academy")).content.decode()
    assert "Your learning log" in page and "0 replies" in page and "Shared" in page

    client.force_login(faculty)
    my_academy = client.get(reverse("programmes:my_academy")).content.decode()
    assert reverse("programmes:shared_reflections") in my_academy
    listing = client.get(reverse("programmes:shared_reflections")).content.decode()
    assert "Amara Okafor" in listing and "You have not replied" in listing
    thread = reverse("programmes:reflection", args=[reflection.pk])
    assert "Seeing the whole system." in client.get(thread).content.decode()
    assert client.post(thread, {"text": ""}).status_code == 400
    client.post(thread, {"text": "What will you try next?"})

    client.force_login(leader)
    assert "What will you try next?" in client.get(thread).content.decode()
    assert "1 reply" in client.get(reverse("programmes:my_academy")).content.decode()
    client.post(thread, {"text": "A joint huddle with the community team."})
    client.force_login(faculty)
    assert "The participant replied" in client.get(reverse("programmes:shared_reflections")).content.decode()
    client.force_login(leader)

    # Made private: faculty no longer see it, its replies, or its page.
    client.post(url, {"text": "Seeing the whole system.", "sharing": "private"})
    client.force_login(faculty)
    assert client.get(thread).status_code == 404
    assert "Amara Okafor" not in client.get(reverse("programmes:shared_reflections")).content.decode()


def test_nobody_else_reads_a_reflection(client, log):
    leader, cohort, session = log["leader"], log["cohort"], log["session"]
    shared = services.save_reflection(leader, cohort, "Shared text", shared=True, session=session)
    private = services.save_reflection(leader, cohort, "Private text", shared=False)
    other_cohort_faculty = UserFactory()
    services.add_faculty(log["admin"], CohortFactory(), other_cohort_faculty, "coach")
    peer = UserFactory()
    Application.objects.create(cohort=cohort, applicant=peer, state=S.ACCEPTED)
    outsiders = [peer, other_cohort_faculty, make_person("reviewer"), make_person("executive"),
                 make_person("evaluator"), make_person("governance"), make_person("superuser")]
    other_admin = UserFactory()
    from academy.accounts.services import grant_role
    from programmes.core.models import Programme

    grant_role(None, other_admin, "programme_admin", programme=Programme.objects.exclude(slug="curriculum").first())
    give_mfa(other_admin)
    outsiders.append(other_admin)
    for person in outsiders:
        client.force_login(person)
        for reflection in (shared, private):
            assert client.get(reverse("programmes:reflection", args=[reflection.pk])).status_code == 404
        listing = client.get(reverse("programmes:shared_reflections"))
        assert listing.status_code in {200, 403}
        assert "Shared text" not in listing.content.decode() and leader.get_full_name() not in listing.content.decode()
    # The programme's admin reads the shared one, not the private one, and cannot reply.
    client.force_login(log["admin"])
    page = client.get(reverse("programmes:reflection", args=[shared.pk])).content.decode()
    assert "Shared text" in page and "Send your reply" not in page
    assert client.get(reverse("programmes:reflection", args=[private.pk])).status_code == 404
    # The faculty member: the shared one only.
    client.force_login(log["faculty"])
    assert client.get(reverse("programmes:reflection", args=[shared.pk])).status_code == 200
    assert client.get(reverse("programmes:reflection", args=[private.pk])).status_code == 404


def test_programme_admin_adds_and_removes_faculty_on_the_cohort_page(client, log):
    admin, cohort = log["admin"], log["cohort"]
    client.force_login(admin)
    manage = client.get(reverse("programmes:cohort_manage", args=[cohort.pk])).content.decode()
    assert "Faculty and coaches" in manage and "Ayesha Khan" in manage
    url = reverse("programmes:cohort_faculty", args=[cohort.pk])
    missing = client.post(url, {"email": "nobody@example.nhs.uk", "role": "coach"})
    assert missing.status_code == 400 and title(missing).startswith("Error: ")
    assert "No one with this email address has an account on the portal" in missing.content.decode()
    closed = UserFactory(first_name="Cara", last_name="Closed", is_active=False)
    refused = client.post(url, {"email": closed.email.upper(), "role": "coach"})
    assert refused.status_code == 400 and "This account is deactivated" in refused.content.decode()
    assert not CohortFaculty.objects.filter(user=closed).exists()
    coach = UserFactory(first_name="Ben", last_name="Adebayo")
    response = client.post(url, {"email": coach.email, "role": "coach"}, follow=True)
    assert "Ben Adebayo added as coach" in response.content.decode()
    member = CohortFaculty.objects.get(user=coach)
    remove = reverse("programmes:faculty_remove", args=[member.pk])
    assert client.get(remove).status_code == 200
    client.post(remove)
    assert not CohortFaculty.objects.filter(user=coach).exists()


def test_final_reflection_page_and_cohort_form_setting(client, log):
    client.force_login(log["leader"])
    url = reverse("programmes:final_reflection", args=[log["cohort"].pk])
    assert client.get(url).status_code == 200
    client.post(url, {"text": "What changed for me.", "sharing": "private"})
    assert Reflection.objects.get().is_final
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


# --- the reflection prompt ---------------------------------------------------------------------------------


def test_reflection_prompt_once_only_to_present_people_without_a_reflection(log):
    cohort, session, admin = log["cohort"], log["session"], log["admin"]
    absent, reflected = UserFactory(), UserFactory()
    absent_place = Application.objects.create(cohort=cohort, applicant=absent, state=S.ACCEPTED)
    reflected_place = Application.objects.create(cohort=cohort, applicant=reflected, state=S.ACCEPTED)
    services.record_attendance(admin, session, {
        log["place"].pk: "present", absent_place.pk: "absent", reflected_place.pk: "present",
    })
    services.save_reflection(reflected, cohort, "Already written.", shared=False, session=session)
    old = past_session(cohort, days_ago=5)
    Attendance.objects.create(session=old, application=log["place"], status="present")
    mail.outbox.clear()
    assert tasks.send_reflection_prompts() == 1
    assert tasks.send_reflection_prompts() == 0
    assert [m.to for m in mail.outbox] == [[log["leader"].email]]
    assert reverse("programmes:session_reflection", args=[session.pk]) in mail.outbox[0].body
    # Before the session ends, nothing.
    assert tasks.send_reflection_prompts(now=session.ends_at - timedelta(minutes=1)) == 0


def test_reflection_prompt_is_in_the_beat_schedule():
    from academy.celery import app

    tasks_scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "programmes.core.tasks.send_reflection_prompts" in tasks_scheduled


# --- completion with a final reflection --------------------------------------------------------------------


def test_completion_needs_the_final_reflection_when_the_cohort_says_so(client, log):
    cohort, admin, leader, place = log["cohort"], log["admin"], log["leader"], log["place"]
    services.record_attendance(admin, log["session"], {place.pk: "present"})
    cohort.requires_final_reflection = True
    cohort.save()
    client.force_login(admin)
    page = client.get(reverse("programmes:completion", args=[cohort.pk])).content.decode()
    assert "1 of 1 (100%)" in page and "Not written yet" in page and "needs a final reflection" in page
    response = client.post(reverse("programmes:completion", args=[cohort.pk]), {"applications": [place.pk]},
                           follow=True)
    assert "1 not completed: they have not written their final reflection" in response.content.decode()
    place.refresh_from_db()
    assert place.state == S.ACCEPTED

    services.save_reflection(leader, cohort, "Looking back.", shared=False)
    assert "Written" in client.get(reverse("programmes:completion", args=[cohort.pk])).content.decode()
    result = services.complete_places(admin, cohort, [place.pk])
    assert result["done"] == 1
    place.refresh_from_db()
    assert place.state == S.COMPLETED


def test_completion_without_the_setting_needs_attendance_only(log):
    cohort, admin, place = log["cohort"], log["admin"], log["place"]
    assert cohort.requires_final_reflection is False
    services.record_attendance(admin, log["session"], {place.pk: "present"})
    assert services.complete_places(admin, cohort, [place.pk])["done"] == 1


def test_completion_says_when_both_are_missing(log):
    cohort, admin, place = log["cohort"], log["admin"], log["place"]
    cohort.requires_final_reflection = True
    cohort.save()
    result = services.complete_places(admin, cohort, [place.pk])
    assert result["missing"] == {"attendance": 0, "final": 0, "both": 1} and result["done"] == 0


def test_the_cohort_form_sets_the_final_reflection_rule(client, log):
    from tests.programmes.core.test_admin_views import cohort_post

    client.force_login(log["admin"])
    data = cohort_post(requires_final_reflection="on", title="Core with a final reflection")
    response = client.post(reverse("programmes:cohort_create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    from programmes.core.models import Cohort

    assert Cohort.objects.get(title="Core with a final reflection").requires_final_reflection


# --- query budgets -------------------------------------------------------------------------------------------


def _many_reflections(count: int, cohort, faculty):
    sessions = Session.objects.bulk_create(
        [Session(cohort=cohort, title=f"Day {n}", starts_at=timezone.now() - timedelta(days=2, hours=n),
                 ends_at=timezone.now() - timedelta(days=2, hours=n) + timedelta(minutes=30),
                 delivery_format="online", online_link="https://example.nhs.uk/meet") for n in range(count)]
    )
    people = UserFactory.create_batch(3)
    Application.objects.bulk_create([Application(cohort=cohort, applicant=p, state=S.ACCEPTED) for p in people])
    reflections = Reflection.objects.bulk_create(
        [Reflection(cohort=cohort, session=s, author=people[n % 3], text="Noticed.", shared=True)
         for n, s in enumerate(sessions)]
    )
    ReflectionReply.objects.bulk_create(
        [ReflectionReply(reflection=r, author=faculty, text="Why?") for r in reflections]
    )
    return people[0]


@pytest.mark.parametrize("count", [10, 50])
def test_shared_reflections_query_count_does_not_grow(client, log, django_assert_max_num_queries, count):
    _many_reflections(count, log["cohort"], log["faculty"])
    client.force_login(log["faculty"])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("programmes:shared_reflections"))
    assert response.content.decode().count("1 reply") == count


@pytest.mark.parametrize("count", [10, 50])
def test_my_academy_learning_log_query_count_does_not_grow(client, log, django_assert_max_num_queries, count):
    author = _many_reflections(count, log["cohort"], log["faculty"])
    client.force_login(author)
    # 20: the learning log's fixed reads, plus the CPD record, the bids, the vacancy applications, the
    # C&CPLG attendance and the innovations proposed sections, the name-generator survey's "answered this
    # quarter?" (one query), and the header's unread notifications count.
    with django_assert_max_num_queries(20):
        response = client.get(reverse("programmes:my_academy"))
    written = len([n for n in range(count) if n % 3 == 0])
    assert response.content.decode().count("1 reply") == written
