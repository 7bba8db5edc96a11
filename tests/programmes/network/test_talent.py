"""The talent pool, the member's side: saving and withdrawing an entry, the two consents, members only,
and what governance may read (consenting entries only, in a fixed number of queries)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy.directory.models import Borough, PriorityFunction
from programmes.network import services, talent_selectors, talent_services
from programmes.network.models import Aspiration, MembershipState, Readiness, TalentEntry
from programmes.network.talent_selectors import ICS_WIDE, Target
from tests.factories.accounts import UserFactory
from tests.factories.network import MembershipFactory

pytestmark = pytest.mark.django_db


def member(**kwargs):
    return MembershipFactory(**kwargs).person


def save(person, **overrides):
    data = {
        "aspirations": [Aspiration.LCP, Aspiration.CCPLG], "functions": [PriorityFunction.objects.get(number=4)],
        "boroughs": [Borough.objects.order_by("name").first()], "ics_wide": False, "readiness": Readiness.NOW,
        "statement": "Ten years in community nursing.", "secretariat_consent": True, "alerts_consent": True,
    }
    return talent_services.save_entry(person, **(data | overrides))


def target(**overrides):
    borough = Borough.objects.order_by("name").first()
    values = {"level": Aspiration.LCP, "function_id": PriorityFunction.objects.get(number=4).pk,
              "place": borough.pk, "opens_on": timezone.localdate()}
    return Target(**(values | overrides))


def test_a_member_saves_an_entry_and_changes_it():
    person = member()
    entry = save(person)
    assert entry.aspirations == [Aspiration.CCPLG, Aspiration.LCP] and entry.ready_by == timezone.localdate()
    entry = save(person, readiness=Readiness.WITHIN_12_MONTHS, ics_wide=True, boroughs=[])
    assert TalentEntry.objects.count() == 1 and entry.ics_wide and not entry.boroughs.exists()
    assert entry.ready_by.year == timezone.localdate().year + 1


def test_only_members_are_in_the_talent_pool():
    with pytest.raises(ValidationError, match="Only members"):
        save(UserFactory())
    applied = MembershipFactory(state=MembershipState.APPLIED).person
    with pytest.raises(ValidationError):
        save(applied)


@pytest.mark.parametrize(("field", "overrides"), [
    ("aspirations", {"aspirations": []}),
    ("functions", {"functions": []}),
    ("boroughs", {"boroughs": [], "ics_wide": False}),
    ("readiness", {"readiness": "someday"}),
    ("statement", {"statement": "x" * 1001}),
])
def test_bad_input_says_what_is_wrong_and_saves_nothing(field, overrides):
    with pytest.raises(ValidationError) as caught:
        save(member(), **overrides)
    assert field in caught.value.message_dict
    assert not TalentEntry.objects.exists()


def test_withdrawing_consent_hides_the_entry_at_once_and_the_second_consent_is_separate():
    person = member()
    save(person)
    assert list(talent_selectors.consenting_entries()) == [person.network_talent_entry]
    save(person, secretariat_consent=False)
    assert not talent_selectors.consenting_entries().exists()
    function_id = PriorityFunction.objects.get(number=4).pk
    place = Borough.objects.order_by("name").first().pk
    assert talent_selectors.alert_recipients(function_id=function_id, place=place) == [person]
    save(person, alerts_consent=False, secretariat_consent=True)
    assert talent_selectors.alert_recipients(function_id=function_id, place=place) == []


def test_leaving_the_network_or_withdrawing_the_entry_hides_it():
    person = member()
    save(person)
    services.leave(person, person.network_memberships.get())
    assert not talent_selectors.consenting_entries().exists()
    other = member()
    entry = save(other)
    with pytest.raises(PermissionDenied):
        talent_services.withdraw_entry(person, entry)
    talent_services.withdraw_entry(other, entry)
    assert not TalentEntry.objects.filter(person=other).exists()


def test_an_entry_fits_a_target_by_level_function_place_and_readiness():
    person = member()
    entry = save(person, readiness=Readiness.WITHIN_12_MONTHS)
    entry = talent_selectors.consenting_entries().get()
    later = timezone.localdate().replace(year=timezone.localdate().year + 2)
    cases = [
        (target(opens_on=later), True),
        (target(), False),  # not ready yet
        (target(opens_on=later, level=Aspiration.ICS), False),
        (target(opens_on=later, function_id=PriorityFunction.objects.get(number=5).pk), False),
        (target(opens_on=later, place=Borough.objects.order_by("name").last().pk), False),
        (target(opens_on=later, place=ICS_WIDE), False),
        (target(opens_on=later, level=Aspiration.CCPLG, function_id=None, place=None), True),
    ]
    for case, expected in cases:
        assert talent_selectors.fits(entry, case) is expected, case
        assert talent_selectors.consenting_entries(targets=[case]).exists() is expected, case
    assert not talent_selectors.consenting_entries(targets=[]).exists()


def test_ics_wide_members_fit_any_place():
    entry = save(member(), ics_wide=True, boroughs=[])
    entry = talent_selectors.consenting_entries().get()
    assert talent_selectors.fits(entry, target()) and talent_selectors.fits(entry, target(place=ICS_WIDE))
    assert talent_selectors.consenting_entries(targets=[target(place=ICS_WIDE)]).count() == 1


def _queries(**kwargs) -> int:
    with CaptureQueriesContext(connection) as captured:
        entries = list(talent_selectors.consenting_entries(**kwargs)[:25])
        for entry in entries:
            _ = [f.name for f in entry.functions.all()], [b.name for b in entry.boroughs.all()]
            _ = entry.person.profile if hasattr(entry.person, "profile") else None
    return len(captured)


def test_governance_reads_consenting_entries_in_a_fixed_number_of_queries():
    for _ in range(2):
        save(member())
    small = _queries(targets=[target()])
    for _ in range(30):
        save(member())
    assert _queries(targets=[target()]) == small == 3


# --- the member's page -------------------------------------------------------------------------------


def test_the_page_saves_an_entry_and_bad_input_is_a_400_that_saves_nothing(client):
    person = member()
    client.force_login(person)
    url = reverse("network:talent")
    assert client.get(url).status_code == 200
    response = client.post(url, {"aspirations": [Aspiration.LCP], "readiness": Readiness.NOW})
    assert response.status_code == 400 and b"Choose at least one priority function" in response.content
    assert not TalentEntry.objects.exists()
    function = PriorityFunction.objects.get(number=4)
    response = client.post(url, {
        "aspirations": [Aspiration.LCP], "functions": [function.pk], "ics_wide": "on",
        "readiness": Readiness.NOW, "statement": '<script>alert("x")</script>', "secretariat_consent": "on",
    })
    assert response.status_code == 302
    entry = TalentEntry.objects.get()
    assert entry.secretariat_consent and not entry.alerts_consent
    page = client.get(url).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert client.get(reverse("network:talent_withdraw")).status_code == 200
    assert client.post(reverse("network:talent_withdraw")).status_code == 302
    assert not TalentEntry.objects.exists()


def test_someone_who_is_not_a_member_is_asked_to_join(client):
    client.force_login(UserFactory())
    response = client.get(reverse("network:talent"))
    assert response.status_code == 200 and b"Join the open network" in response.content
    assert client.get(reverse("network:talent_withdraw")).status_code == 404


# --- the person's data -------------------------------------------------------------------------------


def test_the_entry_is_in_the_data_download_and_goes_with_erasure():
    from academy.privacy.personal_data import PersonalExport
    from programmes.network.erasure import erase
    from programmes.network.personal_data import export

    person = member()
    save(person, statement="Community nursing.")
    out = PersonalExport()
    export(person, out)
    (row,) = out.tables["talent_pool_entry"]
    assert row["statement"] == "Community nursing." and row["secretariat_consent"] and row["alerts_consent"]
    assert out.tables["talent_pool_functions"] and out.tables["talent_pool_places"]
    erase(person, "erased")
    assert not TalentEntry.objects.filter(person=person).exists()
