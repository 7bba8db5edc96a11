"""The pages after a Big Room: the register (refused before the start with a clear message, 400 and
nothing saved), walk-ins, feedback (400 on bad input, hostile text escaped), the figures page, the
headline count on the admin and member pages, and query budgets."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from programmes.network import followup_services, services
from programmes.network.models import Attendance, EventFeedback
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory
from tests.factories.network import EventFactory

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert(1)</script> =HYPERLINK("x")'


def _held(people=(), **fields):
    event = EventFactory(**fields)
    for person in people:
        services.rsvp(person, event)
    start = timezone.now() - dt.timedelta(hours=4)
    type(event).objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=3))
    event.refresh_from_db()
    return event


def test_the_register_page_before_the_event_says_when_and_a_post_is_refused(client, network_admin):
    event = EventFactory()
    person = UserFactory()
    services.rsvp(person, event)
    client.force_login(network_admin)
    url = reverse("network:event_register", args=[event.pk])
    page = client.get(url)
    assert page.status_code == 200 and "once the event has started" in page.content.decode()
    response = client.post(url, {"action": "register", "came": [person.pk]})
    assert response.status_code == 400
    assert "nhsuk-error-summary" in response.content.decode()
    assert not Attendance.objects.exists()


def test_taking_the_register_and_adding_a_walk_in(client, network_admin):
    came, absent = LeaderProfileFactory().user, LeaderProfileFactory().user
    event = _held([came, absent])
    client.force_login(network_admin)
    url = reverse("network:event_register", args=[event.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"action": "register", "came": [came.pk]})
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("person_id", "attended")) == {came.pk: True, absent.pk: False}
    bad = client.post(url, {"action": "walk_in", "email": "nobody@example.org"})
    assert bad.status_code == 400 and "There is no account with that email address" in bad.content.decode()
    walk_in = UserFactory()
    assert client.post(url, {"action": "walk_in", "email": walk_in.email}).status_code == 302
    page = client.get(reverse("network:event_manage", args=[event.pk])).content.decode()
    assert "2 came (including 1 walk-in), 1 did not come" in page
    assert 'id="organisations-came"' in page


def test_a_stranger_ticked_in_the_register_is_a_400(client, network_admin):
    event = _held([UserFactory()])
    client.force_login(network_admin)
    response = client.post(reverse("network:event_register", args=[event.pk]),
                           {"action": "register", "came": [UserFactory().pk]})
    assert response.status_code == 400 and not Attendance.objects.exists()


def test_feedback_form_saves_once_and_escapes_hostile_text(client, network_admin):
    people = [UserFactory() for _ in range(5)]
    event = _held(people)
    url = reverse("network:event_feedback", args=[event.pk])
    client.force_login(people[0])
    event_page = client.get(reverse("network:event", args=[event.pk])).content.decode()
    assert url in event_page
    assert client.post(url, {"rating": "9", "met_other_organisation": "yes"}).status_code == 400
    assert not EventFeedback.objects.exists()
    response = client.post(url, {"rating": "4", "met_other_organisation": "yes", "improve": HOSTILE})
    assert response.status_code == 302
    assert "already given" not in client.get(url).content.decode()
    assert "You gave your feedback" in client.get(url).content.decode()
    for person in people[1:]:
        followup_services.give_feedback(person, event, rating=3, met_other_organisation=False, improve="")
    client.force_login(network_admin)
    page = client.get(reverse("network:event_feedback_figures", args=[event.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    for person in people:
        # The full name, not the last name alone: the factory's last names are common ones
        # ("Smith") that the admin signed in at the top of the page may share.
        assert person.email not in page
        assert person.get_full_name() not in page


def test_feedback_before_the_end_says_when(client):
    person = UserFactory()
    event = EventFactory()
    services.rsvp(person, event)
    client.force_login(person)
    url = reverse("network:event_feedback", args=[event.pk])
    assert "once the event has ended" in client.get(url).content.decode()
    response = client.post(url, {"rating": "4", "met_other_organisation": "yes"})
    assert response.status_code == 400 and not EventFeedback.objects.exists()


def test_someone_who_did_not_come_is_refused(client):
    event = _held([UserFactory()])
    stranger = UserFactory()
    client.force_login(stranger)
    url = reverse("network:event_feedback", args=[event.pk])
    assert "Only people who came" in client.get(url).content.decode()
    assert client.post(url, {"rating": "4", "met_other_organisation": "yes"}).status_code == 403
    assert not EventFeedback.objects.exists()


def test_register_page_query_budget(client, network_admin, django_assert_max_num_queries):
    event = _held([LeaderProfileFactory().user for _ in range(2)])
    client.force_login(network_admin)
    url = reverse("network:event_register", args=[event.pk])
    followup_services.take_register(network_admin, event, [])
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    bigger = EventFactory(capacity=100)
    for _ in range(15):
        services.rsvp(LeaderProfileFactory().user, bigger)
    start = timezone.now() - dt.timedelta(hours=4)
    type(bigger).objects.filter(pk=bigger.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=3))
    followup_services.take_register(network_admin, bigger, [])
    followup_services.add_walk_in(network_admin, bigger, LeaderProfileFactory().user.email)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("network:event_register", args=[bigger.pk]))


def test_feedback_figures_page_query_budget(client, network_admin, django_assert_max_num_queries):
    small_event = _held([UserFactory() for _ in range(5)])
    big_event = _held([UserFactory() for _ in range(20)])
    for event in (small_event, big_event):
        for rsvp in event.rsvps.all():
            followup_services.give_feedback(rsvp.person, event, rating=4, met_other_organisation=True, improve="x")
    client.force_login(network_admin)
    with django_assert_max_num_queries(40) as small:
        client.get(reverse("network:event_feedback_figures", args=[small_event.pk]))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("network:event_feedback_figures", args=[big_event.pk]))


def _pdf(name="slides.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n", content_type="application/pdf")


def _pptx(name="Big Room slides.pptx"):
    import io
    import zipfile

    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("ppt/presentation.xml", "<p:presentation/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def test_slides_are_refused_before_the_event_and_when_not_slides(client, network_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from programmes.network.models import EventSlides

    coming = EventFactory()
    client.force_login(network_admin)
    url = reverse("network:event_slides_upload", args=[coming.pk])
    assert "once the event has started" in client.get(url).content.decode()
    response = client.post(url, {"file": _pdf()})
    assert response.status_code == 400 and "nhsuk-error-summary" in response.content.decode()
    held = _held()
    url = reverse("network:event_slides_upload", args=[held.pk])
    fake = SimpleUploadedFile("slides.pdf", b"<script>alert(1)</script>", content_type="application/pdf")
    assert client.post(url, {"file": fake}).status_code == 400
    renamed = SimpleUploadedFile("slides.pptx", b"%PDF-1.4 not a presentation", content_type="application/pdf")
    assert client.post(url, {"file": renamed}).status_code == 400
    assert not EventSlides.objects.exists()


def test_slides_uploaded_replace_the_old_and_are_downloaded_by_people_signed_in(client, network_admin):
    from programmes.network.models import EventSlides

    person = UserFactory()
    held = _held([person])
    client.force_login(network_admin)
    url = reverse("network:event_slides_upload", args=[held.pk])
    assert client.post(url, {"file": _pdf()}).status_code == 302
    assert client.post(url, {"file": _pptx()}).status_code == 302
    slides = EventSlides.objects.get()
    assert slides.original_name == "Big Room slides.pptx" and slides.content_type.endswith("presentation")
    client.force_login(person)
    page = client.get(reverse("network:event", args=[held.pk])).content.decode()
    assert reverse("network:event_slides", args=[held.pk]) in page
    download = client.get(reverse("network:event_slides", args=[held.pk]))
    assert download.status_code == 200 and b"ppt/presentation.xml" in b"".join(download.streaming_content)
    assert "attachment" in download["Content-Disposition"]
    client.logout()
    assert client.get(reverse("network:event_slides", args=[held.pk])).status_code == 302
    # Someone else's programme admin cannot upload.
    with pytest.raises(PermissionDenied):
        followup_services.upload_slides(UserFactory(), held, _pdf())


def test_after_the_event_the_member_page_says_whether_they_came(client, network_admin):
    came, absent = LeaderProfileFactory().user, LeaderProfileFactory().user
    event = _held([came, absent])
    url = reverse("network:event", args=[event.pk])
    client.force_login(absent)
    # Before the register is taken, a place counts as having come.
    assert "You came" in client.get(url).content.decode()
    client.force_login(network_admin)
    client.post(reverse("network:event_register", args=[event.pk]), {"action": "register", "came": [came.pk]})
    client.force_login(absent)
    page = client.get(url).content.decode()
    assert "Not recorded as coming" in page and "You are coming" not in page
    client.force_login(came)
    page = client.get(url).content.decode()
    assert "You came" in page and "You are coming" not in page
