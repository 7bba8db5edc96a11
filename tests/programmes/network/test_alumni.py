"""The network's alumni (issue 13): alumni are everyone who completed a cohort (read through
programmes.core's selectors), the opt-in directory, alumni-only Big Rooms, and volunteering with the
admins' list, its CSV and the contacted / placed workflow."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from academy.accounts.models import User
from academy.directory.models import Borough, LeaderGroup, LeaderProfile, PriorityFunction, Profession
from academy.workflow.models import Transition
from programmes.core.models import Application, ApplicationState
from programmes.network import alumni_selectors, alumni_services, services
from programmes.network.models import AlumniListing, Event, Rsvp, RsvpStatus, VolunteerOffer, VolunteerState
from tests.factories.accounts import UserFactory
from tests.factories.directory import OrganisationFactory
from tests.factories.network import EventFactory, alumnus
from tests.factories.programmes import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db


def functions(n=2):
    return list(PriorityFunction.objects.order_by("number")[:n])


# --- who is an alumnus ------------------------------------------------------------------------------------


def test_an_alumnus_is_anyone_who_completed_a_cohort_and_nobody_else():
    graduate = alumnus()
    still_on_it = UserFactory()
    ApplicationFactory(applicant=still_on_it, state=ApplicationState.ACCEPTED)
    assert alumni_selectors.is_alumnus(graduate)
    assert not alumni_selectors.is_alumnus(still_on_it)
    (slug, name, year), = alumni_selectors.my_completions(graduate)
    assert slug == "curriculum" and year == Application.objects.get(applicant=graduate).cohort.ends_on.year


# --- the directory: opt in, opt out ------------------------------------------------------------------------


def test_opt_in_refused_to_people_who_are_not_alumni():
    with pytest.raises(PermissionDenied):
        alumni_services.opt_in(UserFactory(), functions=[], line="Hello")
    assert not AlumniListing.objects.exists()


def test_only_alumni_who_opted_in_are_in_the_directory_and_opting_out_removes_them():
    listed, unlisted = alumnus(), alumnus()
    alumni_services.opt_in(listed, functions=functions(), line="Ask me about discharge huddles")
    assert [row.person for row in alumni_selectors.directory()] == [listed]
    alumni_services.opt_out(listed)
    assert not AlumniListing.objects.exists()
    assert list(alumni_selectors.directory()) == []
    with pytest.raises(ValidationError):
        alumni_services.opt_out(listed)
    assert unlisted  # never opted in, never shown


def test_opting_in_twice_changes_the_entry():
    person = alumnus()
    alumni_services.opt_in(person, functions=functions(1), line="First")
    alumni_services.opt_in(person, functions=functions(3), line="  Second   line ")
    listing = AlumniListing.objects.get(person=person)
    assert listing.line == "Second line" and listing.functions.count() == 3


def test_directory_page_shows_entries_to_alumni_and_explains_to_others(client):
    person = alumni_services.opt_in(alumnus(), functions=functions(), line="Frailty pathway").person
    client.force_login(alumnus())
    page = client.get(reverse("network:alumni_directory"))
    assert page.status_code == 200
    text = page.content.decode()
    assert person.get_full_name() in text and "Frailty pathway" in text and "Completed:" in text
    assert person.profile.organisation.name in text

    client.force_login(UserFactory())
    refused = client.get(reverse("network:alumni_directory"))
    assert refused.status_code == 403
    assert "Alumni are people who have completed an Academy programme" in refused.content.decode()


def test_network_admins_see_the_directory(client, network_admin, other_admin):
    client.force_login(network_admin)
    assert client.get(reverse("network:alumni_directory")).status_code == 200
    client.force_login(other_admin)
    assert client.get(reverse("network:alumni_directory")).status_code == 403


def test_directory_filters_by_programme_function_borough_and_profession(client):
    first, second = alumnus(), alumnus()
    f1, f2 = functions(2)
    alumni_services.opt_in(first, functions=[f1], line="")
    alumni_services.opt_in(second, functions=[f2], line="")
    other_profession = Profession.objects.exclude(pk=first.profile.profession_id).first()
    other_borough = Borough.objects.exclude(pk=first.profile.borough_id).first()
    LeaderProfile.objects.filter(user=second).update(profession=other_profession, borough=other_borough)
    assert [r.person for r in alumni_selectors.directory(function=f1.pk)] == [first]
    assert [r.person for r in alumni_selectors.directory(profession=other_profession.pk)] == [second]
    assert [r.person for r in alumni_selectors.directory(borough=other_borough.pk)] == [second]
    assert [r.person for r in alumni_selectors.directory(programme="curriculum")] != []
    assert list(alumni_selectors.directory(programme="network")) == []
    client.force_login(first)
    response = client.get(reverse("network:alumni_directory"), {"function": f2.pk, "programme": "nonsense"})
    assert [e["entry"].person for e in response.context["entries"]] == [second]


def test_opt_in_page_saves_and_bad_input_saves_nothing(client):
    person = alumnus()
    client.force_login(person)
    bad = client.post(reverse("network:alumni_listing"), {"line": "x" * 201, "functions": ["999999"]})
    assert bad.status_code == 400 and "There is a problem" in bad.content.decode()
    assert not AlumniListing.objects.exists()
    ok = client.post(reverse("network:alumni_listing"), {"line": "Hello", "functions": [functions(1)[0].pk]})
    assert ok.status_code == 302 and AlumniListing.objects.get(person=person).line == "Hello"
    assert client.post(reverse("network:alumni_opt_out")).status_code == 302
    assert not AlumniListing.objects.exists()


def test_hostile_line_is_escaped_in_the_directory(client):
    alumni_services.opt_in(alumnus(), functions=[], line='<script>alert("x")</script>')
    client.force_login(alumnus())
    text = client.get(reverse("network:alumni_directory")).content.decode()
    assert "<script>alert" not in text and "&lt;script&gt;" in text


def _many_alumni(n: int, start: int) -> None:
    """n listed alumni, with profiles, completions and two functions each, in bulk."""
    organisation = OrganisationFactory()
    profession = Profession.objects.order_by("position").first()
    group = LeaderGroup.objects.order_by("position").first()
    cohort = CohortFactory()
    users = User.objects.bulk_create(
        [User(email=f"alumnus{start + i}@example.nhs.uk", first_name="Al", last_name=f"Umnus {start + i}")
         for i in range(n)]
    )
    LeaderProfile.objects.bulk_create(
        [LeaderProfile(user=u, profession=profession, organisation=organisation, leader_group=group,
                       career_stage="established", job_title="Lead", line_manager_name="Morgan Line",
                       line_manager_email=f"lm.{u.pk}@example.nhs.uk") for u in users]
    )
    Application.objects.bulk_create(
        [Application(cohort=cohort, applicant=u, state=ApplicationState.COMPLETED) for u in users]
    )
    listings = AlumniListing.objects.bulk_create([AlumniListing(person=u, line="Hi") for u in users])
    through = AlumniListing.functions.through
    f1, f2 = functions(2)
    through.objects.bulk_create(
        [through(alumnilisting_id=listing.pk, priorityfunction_id=f.pk) for listing in listings for f in (f1, f2)]
    )


def test_directory_query_budget_at_10_and_500(client):
    viewer = alumnus()
    client.force_login(viewer)
    _many_alumni(10, 0)
    client.get(reverse("network:alumni_directory"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("network:alumni_directory")).status_code == 200
    _many_alumni(490, 10)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("network:alumni_directory"), {"page": 3})
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(response.context["entries"]) == 25 and response.context["page_obj"].paginator.count == 500


# --- alumni-only Big Rooms ------------------------------------------------------------------------------


def test_rsvp_to_an_alumni_only_event_is_refused_to_non_alumni_with_a_clear_message(client):
    event = EventFactory(alumni_only=True)
    outsider = UserFactory()
    with pytest.raises(ValidationError, match="for alumni only"):
        services.rsvp(outsider, event)
    assert services.rsvp(alumnus(), event).status == RsvpStatus.GOING
    client.force_login(outsider)
    page = client.get(reverse("network:event", args=[event.pk])).content.decode()
    assert "Alumni only" in page and "Say you are coming" not in page
    refused = client.post(reverse("network:rsvp", args=[event.pk]))
    assert refused.status_code == 400 and "for alumni only" in refused.content.decode()
    assert not Rsvp.objects.filter(person=outsider).exists()


def test_events_list_shows_the_alumni_only_badge(client):
    EventFactory(alumni_only=True, title="Alumni evening")
    EventFactory(title="Open Big Room")
    text = client.get(reverse("network:events")).content.decode()
    assert text.count("Alumni only") == 1


def test_admin_marks_an_event_alumni_only(client, network_admin):
    client.force_login(network_admin)
    response = client.post(reverse("network:event_create"), {
        "title": "Alumni Big Room", "summary": "For alumni.",
        "starts_at_0": "4", "starts_at_1": "3", "starts_at_2": "2030", "starts_at_3": "6pm",
        "ends_at_0": "4", "ends_at_1": "3", "ends_at_2": "2030", "ends_at_3": "8pm",
        "venue": "Guy's", "capacity": "40", "table_size": "8", "alumni_only": "on",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Event.objects.get(title="Alumni Big Room").alumni_only


def test_save_event_keeps_the_alumni_only_flag(network_admin):
    event = EventFactory()
    fields = {name: getattr(event, name) for name in services.EVENT_FIELDS} | {"alumni_only": True}
    services.save_event(network_admin, event, **fields)
    event.refresh_from_db()
    assert event.alumni_only


# --- volunteering ------------------------------------------------------------------------------------------


def test_an_alumnus_volunteers_once_a_role_and_others_cannot():
    person = alumnus()
    offer = alumni_services.volunteer(person, role="faculty", functions=functions(), availability="Fridays",
                                      note="Session on leading across organisations")
    assert offer.state == VolunteerState.OFFERED and offer.functions.count() == 2
    with pytest.raises(ValidationError):
        alumni_services.volunteer(person, role="faculty", functions=[], availability="Fridays", note="")
    alumni_services.volunteer(person, role="panel", functions=[], availability="Mornings", note="")
    with pytest.raises(PermissionDenied):
        alumni_services.volunteer(UserFactory(), role="panel", functions=[], availability="Any", note="")
    with pytest.raises(ValidationError):
        alumni_services.volunteer(person, role="mentor", functions=[], availability="  ", note="")


def test_admins_mark_contacted_then_placed_through_the_workflow(network_admin, other_admin):
    offer = alumni_services.volunteer(alumnus(), role="panel", functions=[], availability="Any", note="")
    with pytest.raises(PermissionDenied):
        alumni_services.mark_volunteer(other_admin, offer, VolunteerState.CONTACTED)
    alumni_services.mark_volunteer(network_admin, offer, VolunteerState.CONTACTED)
    alumni_services.mark_volunteer(network_admin, offer, VolunteerState.PLACED)
    with pytest.raises(ValidationError):
        alumni_services.mark_volunteer(network_admin, offer, VolunteerState.CONTACTED)
    moves = list(Transition.objects.filter(object_id=offer.pk, machine="network.alumni_volunteer")
                 .order_by("pk").values_list("to_state", flat=True))
    assert moves == ["offered", "contacted", "placed"]


def test_withdrawing_lets_them_offer_again_and_others_get_404(client):
    person = alumnus()
    offer = alumni_services.volunteer(person, role="mentor", functions=[], availability="Any", note="")
    client.force_login(alumnus())
    assert client.get(reverse("network:alumni_volunteer_withdraw", args=[offer.pk])).status_code == 404
    client.force_login(person)
    assert client.post(reverse("network:alumni_volunteer_withdraw", args=[offer.pk])).status_code == 302
    offer.refresh_from_db()
    assert offer.state == VolunteerState.WITHDRAWN
    alumni_services.volunteer(person, role="mentor", functions=[], availability="Any", note="")


def test_volunteer_page_bad_input_is_a_400_and_saves_nothing(client):
    client.force_login(alumnus())
    response = client.post(reverse("network:alumni_volunteer"), {"role": "astronaut", "availability": ""})
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    assert not VolunteerOffer.objects.exists()
    ok = client.post(reverse("network:alumni_volunteer"), {"role": "faculty", "availability": "Tuesdays"})
    assert ok.status_code == 302 and VolunteerOffer.objects.count() == 1


def test_volunteers_list_csv_neutralises_formulas(client, network_admin):
    person = alumnus()
    alumni_services.volunteer(person, role="faculty", functions=[], availability="=1+1",
                              note='=HYPERLINK("http://evil.example","click")')
    client.force_login(network_admin)
    response = client.get(reverse("network:alumni_volunteers_csv"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][6] == "'=1+1" and rows[1][7].startswith("'=HYPERLINK")
    page = client.get(reverse("network:alumni_volunteers")).content.decode()
    assert person.email in page and "Contacted" in page


def test_volunteers_list_query_budget(client, network_admin):
    client.force_login(network_admin)
    for _ in range(3):
        alumni_services.volunteer(alumnus(), role="panel", functions=functions(), availability="Any", note="")
    client.get(reverse("network:alumni_volunteers"))
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("network:alumni_volunteers")).status_code == 200
    for _ in range(30):
        alumni_services.volunteer(alumnus(), role="faculty", functions=functions(), availability="Any", note="")
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse("network:alumni_volunteers")).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_mark_page_moves_the_offer(client, network_admin):
    offer = alumni_services.volunteer(alumnus(), role="panel", functions=[], availability="Any", note="")
    client.force_login(network_admin)
    url = reverse("network:alumni_volunteer_mark", args=[offer.pk, "placed"])
    assert client.post(url).status_code == 302
    offer.refresh_from_db()
    assert offer.state == VolunteerState.PLACED
    again = client.post(reverse("network:alumni_volunteer_mark", args=[offer.pk, "contacted"]))
    assert again.status_code == 400
    assert client.get(reverse("network:alumni_volunteer_mark", args=[offer.pk, "nonsense"])).status_code == 404


def test_alumni_page_for_alumni_and_for_others(client):
    client.force_login(UserFactory())
    assert "You have not completed an Academy programme yet" in client.get(reverse("network:alumni")).content.decode()
    person = alumnus()
    client.force_login(person)
    text = client.get(reverse("network:alumni")).content.decode()
    assert "Programmes you completed" in text and "Join the alumni directory" in text


def test_personal_data_and_erasure_cover_alumni():
    from academy.privacy.personal_data import PersonalExport  # noqa: PLC0415
    from programmes.network import erasure, personal_data  # noqa: PLC0415

    person = alumnus()
    alumni_services.opt_in(person, functions=functions(), line="Hello")
    alumni_services.volunteer(person, role="panel", functions=functions(1), availability="Any", note="x")
    out = PersonalExport()
    personal_data.export(person, out)
    assert out.tables["alumni_directory_entry"] and out.tables["alumni_volunteering"]
    erasure.erase(person, "pseudonym")
    assert not AlumniListing.objects.filter(person=person).exists()
    assert not VolunteerOffer.objects.filter(person=person).exists()
