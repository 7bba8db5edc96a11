"""The who's who of C&CP leadership: who is listed (current holders only), the filters, what a holder publishes,
the public version's consent rule, and that no who's who page shows pay, WTE, funding or equality data."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import User
from academy.directory.demo import DEMO_DOMAIN, SeedContext
from academy.directory.models import (
    Borough,
    Ethnicity,
    LeaderGroup,
    LeaderProfile,
    PriorityFunction,
    Profession,
    ProviderCollaborative,
    SpatialLevel,
)
from governance.ccplg import services as ccplg_services
from governance.models import ClinicalNetwork, FundingSource, LeadershipRole, PayBasis, RoleType, Seat, WhosWhoEntry
from governance.whoswho import presenters, selectors, services
from governance.whoswho.demo import build_whoswho
from governance.whoswho.selectors import ENTRY_COLUMNS, PUBLIC_COLUMNS, WhosWhoFilters
from tests.factories.accounts import UserFactory
from tests.factories.directory import EqualityMonitoringFactory, LeaderProfileFactory, OrganisationFactory
from tests.factories.governance import leadership_role, role_type

pytestmark = pytest.mark.django_db

# Nothing about money, time or equality may be read or shown.
FORBIDDEN_COLUMN_WORDS = (
    "wte",
    "cost",
    "pay",
    "rate",
    "funding",
    "salary",
    "ethnic",
    "sex",
    "disab",
    "religion",
    "age_band",
    "orientation",
    "equality",
    "overtime",
)


def holder(first="Ada", last="Lovelace", profession="nursing", organisation=None, listed=True, **kwargs):
    return LeaderProfileFactory(
        user=UserFactory(first_name=first, last_name=last),
        profession=Profession.objects.get(slug=profession),
        organisation=organisation or OrganisationFactory(),
        listed_in_directory=listed,
        **kwargs,
    ).user


def rows(filters=None, **kwargs):
    return list(selectors.search_whoswho(filters or WhosWhoFilters(**kwargs)))


def titles(filters=None, **kwargs):
    return [row["entry_title"] for row in rows(filters, **kwargs)]


def public_rows(**kwargs):
    return list(selectors.search_public(WhosWhoFilters(**kwargs)))


def hold_seat(seat_title: str, user, starts=None, ends=None) -> Seat:
    seat = Seat.objects.get(title=seat_title)
    today = timezone.localdate()
    return ccplg_services.assign_seat(
        None, seat, user, starts or today - timedelta(days=30), ends or today + timedelta(days=300)
    )


@pytest.fixture
def rate():
    return role_type()


# --- who is listed ---------------------------------------------------------------------------------------------


def test_lists_current_holders_of_roles_and_seats_and_nobody_else(rate):
    today = timezone.localdate()
    current = leadership_role(rate, title="Frailty lead, ICS", holder=holder("Cora", "Current"))
    leadership_role(rate, title="Vacant lead, ICS")
    ended = leadership_role(rate, title="Ended lead, ICS", holder=holder("Edna", "Ended"))
    LeadershipRole.objects.filter(pk=ended.pk).update(
        start_date=today - timedelta(days=400), end_date=today - timedelta(days=1)
    )
    future = leadership_role(rate, title="Future lead, ICS", holder=holder("Fay", "Future"))
    LeadershipRole.objects.filter(pk=future.pk).update(start_date=today + timedelta(days=10))
    gone = holder("Gil", "Gone")
    leadership_role(rate, title="Deactivated holder's lead, ICS", holder=gone)
    gone.is_active = False
    gone.save()
    seat_holder = holder("Sam", "Seated")
    hold_seat("People Board lead", seat_holder)
    old_seat = Seat.objects.exclude(title="People Board lead").first()
    hold_seat(old_seat.title, holder("Olly", "Oldterm"))
    Seat.objects.filter(pk=old_seat.pk).update(
        term_starts=today - timedelta(days=900), term_ends=today - timedelta(days=1)
    )

    found = rows()
    assert [(row["entry_title"], row["last_name"]) for row in found] == [
        (current.title, "Current"),
        ("People Board lead", "Seated"),
    ]
    # Roles and seats each say what they lead.
    assert found[0]["function_name"] == current.function.name and found[1]["capability_name"]


def test_every_row_holds_only_the_allowed_columns_and_the_query_reads_no_pay_or_equality(rate):
    leadership_role(rate, holder=holder())
    hold_seat("People Board lead", holder("Sam", "Seated"))
    for columns in (ENTRY_COLUMNS, PUBLIC_COLUMNS):
        for column in columns:
            assert not any(word in column for word in FORBIDDEN_COLUMN_WORDS), column
    signed_in = rows()
    public = public_rows()
    assert signed_in and public
    assert all(set(row) == set(ENTRY_COLUMNS) for row in signed_in)
    assert all(set(row) == set(PUBLIC_COLUMNS) for row in public)
    for queryset in (selectors.search_whoswho(WhosWhoFilters()), selectors.search_public(WhosWhoFilters())):
        sql = str(queryset.query).lower()
        for column in (
            "wte",
            "annual_cost",
            "funding_source",
            "pay_basis",
            "role_type",
            "annual_rate",
            "equalitymonitoring",
            "ethnicity",
            "sessional_overtime",
        ):
            assert column not in sql


# --- filters ---------------------------------------------------------------------------------------------------


def test_filters_by_function_level_body_network_profession_organisation_and_text(rate):
    acute = ProviderCollaborative.objects.get(slug="acute")
    bexley = Borough.objects.get(slug="bexley")
    diabetes = ClinicalNetwork.objects.get_or_create(name="Diabetes")[0]
    guys = OrganisationFactory(name="Guy's and St Thomas' NHS Foundation Trust")
    leadership_role(
        rate,
        title="Diabetes clinical network lead",
        function=10,
        clinical_network=diabetes,
        holder=holder("Nia", "Network", profession="medicine"),
    )
    leadership_role(
        rate,
        title="Workforce resilience lead, Acute",
        function=4,
        spatial_level=SpatialLevel.COLLABORATIVE,
        collaborative=acute,
        holder=holder("Col", "Lab", organisation=guys),
    )
    leadership_role(
        rate,
        title="Workforce resilience lead, Bexley LCP",
        function=4,
        spatial_level=SpatialLevel.LCP,
        borough=bexley,
        holder=holder("Lou", "Borough", profession="social-work"),
    )
    hold_seat("People Board lead", holder("Sam", "Seated", profession="medicine"))
    care_standards = PriorityFunction.objects.get(number=10)

    assert titles(function=care_standards) == ["Diabetes clinical network lead"]
    assert titles(where="network") == ["Diabetes clinical network lead"]
    assert titles(where=f"network:{diabetes.pk}") == ["Diabetes clinical network lead"]
    assert titles(where="network:999999") == []
    assert titles(where="network:not-a-number") == []
    assert titles(where="collaborative") == ["Workforce resilience lead, Acute"]
    assert titles(where="collaborative:acute") == ["Workforce resilience lead, Acute"]
    assert titles(where="collaborative:mental-health") == []
    assert titles(where="lcp:bexley") == ["Workforce resilience lead, Bexley LCP"]
    assert titles(where="ccplg") == ["People Board lead"]
    assert titles(where="ics") == ["Diabetes clinical network lead"]
    assert titles(where="nowhere") == []
    assert titles(profession=Profession.objects.get(slug="medicine")) == [
        "Diabetes clinical network lead",
        "People Board lead",
    ]
    assert titles(organisation=guys) == ["Workforce resilience lead, Acute"]
    assert titles(organisation="st thomas") == ["Workforce resilience lead, Acute"]
    assert titles(q="diabetes") == ["Diabetes clinical network lead"]
    assert titles(q="nia network") == ["Diabetes clinical network lead"]
    assert titles(q="seated") == ["People Board lead"]
    assert titles(q="workforce bexley") == ["Workforce resilience lead, Bexley LCP"]
    assert titles(q="%_") == []
    # A function and a level together: the network lead for care standards, as a leader would look for them.
    assert titles(function=care_standards, where=f"network:{diabetes.pk}") == ["Diabetes clinical network lead"]


def test_the_page_keeps_filters_in_the_url_and_pages_by_twenty(client_as, rate):
    function = PriorityFunction.objects.get(number=4)
    people = [holder(f"Person{n}", f"Holder{n:02d}") for n in range(23)]
    for index, person in enumerate(people):
        leadership_role(rate, title=f"Workforce lead {index:02d}", holder=person)
    client, _ = client_as("leader")
    url = reverse("governance:whoswho")
    response = client.get(url, {"function": function.number, "where": "ics"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "23 post holders found" in html
    assert html.count('class="nhsuk-table__row"') == 21  # the head's row and 20 people
    assert "function=4" in html and "where=ics" in html and "page=2" in html
    second = client.get(url, {"function": function.number, "where": "ics", "page": 2}).content.decode()
    assert "Workforce lead 22" in second and "Workforce lead 00" not in second


def test_bad_filters_say_what_is_wrong_and_show_everyone_else(client_as, rate):
    leadership_role(rate, holder=holder())
    client, _ = client_as("leader")
    response = client.get(reverse("governance:whoswho"), {"function": "77", "organisation": "Nowhere at all"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "Select a priority function from the list" in html
    assert "No organisation has a name like that" in html


# --- contact addresses, directory links and the public page --------------------------------------------------


def test_an_entry_shows_the_published_address_and_links_to_a_listed_directory_profile(client_as, rate):
    listed = holder("Lia", "Listed")
    unlisted = holder("Una", "Unlisted", listed=False)
    leadership_role(rate, title="Listed lead", holder=listed)
    leadership_role(rate, title="Unlisted lead", holder=unlisted)
    services.save_own_entry(listed, listed, "lia.frailty@example.nhs.uk", False)
    client, _ = client_as("leader")
    html = client.get(reverse("governance:whoswho")).content.decode()
    assert 'href="mailto:lia.frailty@example.nhs.uk"' in html
    assert unlisted.email not in html and listed.email not in html  # the account's address is never published
    assert reverse("directory:leader", args=[listed.profile.pk]) in html
    assert reverse("directory:leader", args=[unlisted.profile.pk]) not in html
    assert "No address published" in html


def test_the_public_page_names_only_holders_who_agreed(client, rate):
    agreed = holder("Alex", "Agreed")
    declined = holder("Dana", "Declined")
    leadership_role(rate, title="Agreed lead", holder=agreed)
    leadership_role(rate, title="Declined lead", holder=declined)
    leadership_role(rate, title="Vacant lead")
    services.save_own_entry(agreed, agreed, "alex@example.nhs.uk", True)
    services.save_own_entry(declined, declined, "dana@example.nhs.uk", False)
    hold_seat("People Board lead", declined)

    response = client.get(reverse("governance:whoswho_public"), {"where": "ics"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Alex Agreed" in html
    assert "Declined" not in html.replace("Declined lead", "")
    assert html.count("Post holder not published") == 2  # the holder who declined, and the vacant role
    # Every seat too: the one held by the holder who declined, and the vacant ones.
    assert {row["public_name"] for row in public_rows(where="ccplg")} == {""}
    # No contact address, profession or organisation publicly, even where the holder agreed to their name.
    assert "alex@example.nhs.uk" not in html and agreed.profile.organisation.name not in html
    # A name is found only where it is published: searching for who does not agree reveals nothing.
    assert [row["entry_title"] for row in public_rows(q="Declined")] == ["Declined lead"]
    assert public_rows(q="Dana") == []
    assert [row["entry_title"] for row in public_rows(q="vacant")] == ["Vacant lead"]  # no holder to join
    assert [row["public_name"] for row in public_rows(q="Alex")] == ["Alex Agreed"]


def test_a_seat_whose_term_has_ended_is_not_published_publicly(rate):
    person = holder("Tia", "Term")
    services.save_own_entry(person, person, "", True)
    seat = hold_seat("People Board lead", person)
    assert [row["public_name"] for row in public_rows(where="ccplg") if row["entry_id"] == seat.pk] == ["Tia Term"]
    today = timezone.localdate()
    Seat.objects.filter(pk=seat.pk).update(term_starts=today - timedelta(days=900), term_ends=today - timedelta(days=1))
    assert [row["public_name"] for row in public_rows(where="ccplg") if row["entry_id"] == seat.pk] == [""]


# --- no pay, WTE, funding or equality data on any who's who page -----------------------------------------------


def test_no_whoswho_page_shows_pay_wte_funding_or_equality_data(client_as, client):
    rate = RoleType.objects.create(name="Zanzibar grade rate card", annual_rate_per_wte=Decimal("987654.32"))
    person = holder("Pat", "Private")
    EqualityMonitoringFactory(user=person, ethnicity=Ethnicity.WHITE_IRISH, age_band="45_54")
    leadership_role(
        rate,
        title="Care standards lead, ICS",
        wte="0.35",
        holder=person,
        function=10,
        funding_source=FundingSource.NATIONAL,
        pay_basis=PayBasis.SALARIED,
        sessional_overtime_confirmed=True,
    )
    services.save_own_entry(person, person, "pat@example.nhs.uk", True)
    hold_seat("People Board lead", person)
    role = LeadershipRole.objects.get(title="Care standards lead, ICS")
    forbidden = [
        "0.35",
        "0.3",
        "345679",
        "345,679",
        "345,680",
        "987654",
        "987,654",
        "Zanzibar",
        "£",
        "WTE",
        "days a week",
        str(FundingSource.NATIONAL.label),
        "Salaried",
        "salaried",
        "Sessional",
        "overtime",
        "White: Irish",
        "45 to 54",
        "Ethnic",
        "ethnic",
        "Age",
        str(role.annual_cost),
        "Funded",
        "funded",
    ]
    signed_in, _ = client_as("leader")
    pages = [
        signed_in.get(reverse(name)).content.decode()
        for name in ("governance:whoswho", "governance:whoswho_public", "governance:whoswho_entry")
    ]
    signed_in.logout()
    pages.append(client.get(reverse("governance:whoswho_public")).content.decode())
    signed_in.force_login(person)
    pages.append(signed_in.get(reverse("governance:whoswho_entry")).content.decode())
    for html in pages:
        assert "Care standards lead, ICS" in html or "Your who's who entry" in html
        main = html.split('id="maincontent"', 1)[1]
        for text in forbidden:
            assert text not in main, text


# --- hostile input --------------------------------------------------------------------------------------------


def test_hostile_names_titles_and_addresses_are_escaped(client_as, rate):
    person = holder('<script>alert("n")</script>', "<img src=x onerror=alert(1)>")
    leadership_role(rate, title="<b>Bold</b> lead", holder=person)
    services.save_own_entry(person, person, "x@example.nhs.uk", True)
    client, _ = client_as("leader")
    for name in ("governance:whoswho", "governance:whoswho_public"):
        html = client.get(reverse(name), {"q": "<script>"}).content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>Bold</b>" not in html
    html = client.get(reverse("governance:whoswho")).content.decode()
    assert "&lt;script&gt;alert(&quot;n&quot;)&lt;/script&gt;" in html and "&lt;b&gt;Bold&lt;/b&gt; lead" in html


# --- a holder's own entry --------------------------------------------------------------------------------------


def test_nothing_is_published_until_the_holder_chooses(rate):
    person = holder()
    leadership_role(rate, holder=person)
    assert not WhosWhoEntry.objects.filter(user=person).exists()
    [row] = rows()
    assert row["contact_email"] == ""
    [public] = public_rows(where="ics")
    assert public["public_name"] == ""


def test_the_holder_publishes_an_address_and_consents_and_the_history_keeps_consent_not_the_address(client, rate):
    person = holder("Hal", "Holder")
    leadership_role(rate, title="Frailty lead, ICS", holder=person)
    client.force_login(person)
    url = reverse("governance:whoswho_entry")
    page = client.get(url).content.decode()
    assert "Frailty lead, ICS" in page
    response = client.post(url, {"contact_email": "hal.frailty@example.nhs.uk", "public_consent": "on"})
    assert response.status_code == 302
    entry = WhosWhoEntry.objects.get(user=person)
    assert (entry.contact_email, entry.public_consent) == ("hal.frailty@example.nhs.uk", True)
    history = entry.history.order_by("history_date").last()
    assert history.public_consent is True and history.history_user_id == person.pk
    assert not hasattr(history, "contact_email")
    # Withdrawing: the name leaves the public page at once.
    client.post(url, {"contact_email": ""})
    entry.refresh_from_db()
    assert (entry.contact_email, entry.public_consent) == ("", False)
    assert public_rows(where="ics")[0]["public_name"] == ""


def test_a_bad_address_is_refused_with_a_message_and_nothing_is_saved(client, rate):
    person = holder()
    client.force_login(person)
    response = client.post(
        reverse("governance:whoswho_entry"), {"contact_email": "not an address", "public_consent": "on"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error: " in html and "Enter an email address in the correct format" in html
    assert not WhosWhoEntry.objects.filter(user=person).exists()


@pytest.mark.parametrize("role_name", ["governance", "superuser", "leader"])
def test_nobody_else_changes_a_persons_entry_superusers_included(person, role_name):
    owner = holder()
    other = person(role_name)
    with pytest.raises(PermissionDenied):
        services.save_own_entry(other, owner, "x@example.nhs.uk", True)
    assert not WhosWhoEntry.objects.filter(user=owner).exists()


def test_saving_the_same_choices_again_records_nothing_new():
    person = holder()
    services.save_own_entry(person, person, "a@example.nhs.uk", True)
    count = WhosWhoEntry.history.count()
    services.save_own_entry(person, person, " a@example.nhs.uk ", True)
    assert WhosWhoEntry.history.count() == count


# --- query budgets --------------------------------------------------------------------------------------------


def _bulk_roles(count: int) -> None:
    """``count`` current roles, five in six held (a leader profile each holder), with published entries, and every
    C&CPLG seat filled: made with bulk_create so 5,000 take seconds."""
    rate = RoleType.objects.create(name=f"Budget rate {count}", annual_rate_per_wte=Decimal("100000"))
    organisation = OrganisationFactory()
    profession = Profession.objects.first()
    group = LeaderGroup.objects.first()
    users = User.objects.bulk_create(
        [
            User(email=f"budget{count}-{n}@example.nhs.uk", first_name="Budget", last_name=f"Holder {n}")
            for n in range(count)
        ]
    )
    LeaderProfile.objects.bulk_create(
        [
            LeaderProfile(
                user=user,
                profession=profession,
                organisation=organisation,
                leader_group=group,
                career_stage="established",
                job_title="Lead",
                line_manager_email="m@example.nhs.uk",
                listed_in_directory=n % 2 == 0,
            )
            for n, user in enumerate(users)
        ]
    )
    WhosWhoEntry.objects.bulk_create(
        [
            WhosWhoEntry(user=user, contact_email=f"budget{n}@example.nhs.uk", public_consent=n % 3 == 0)
            for n, user in enumerate(users)
        ]
    )
    functions = list(PriorityFunction.objects.all())
    collaboratives = list(ProviderCollaborative.objects.all())
    boroughs = list(Borough.objects.all())
    networks = list(ClinicalNetwork.objects.all())
    levels = [SpatialLevel.ICS, SpatialLevel.COLLABORATIVE, SpatialLevel.LCP]
    LeadershipRole.objects.bulk_create(
        [
            LeadershipRole(
                title=f"Budget role {n}",
                function=functions[n % len(functions)],
                spatial_level=levels[n % 3],
                collaborative=collaboratives[n % len(collaboratives)] if n % 3 == 1 else None,
                borough=boroughs[n % len(boroughs)] if n % 3 == 2 else None,
                clinical_network=networks[n % len(networks)] if n % 3 == 0 and networks else None,
                role_type=rate,
                wte=Decimal("0.2"),
                annual_cost=Decimal("20000"),
                funding_source=FundingSource.ICB,
                start_date=date(2026, 1, 1),
                holder=None if n % 6 == 5 else users[n],
            )
            for n in range(count)
        ]
    )
    today = timezone.localdate()
    for n, seat in enumerate(Seat.objects.all()):
        Seat.objects.filter(pk=seat.pk).update(
            holder=users[n % count], term_starts=today - timedelta(days=10), term_ends=today + timedelta(days=300)
        )


def _queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["governance:whoswho", "governance:whoswho_public", "governance:whoswho_entry"])
def test_pages_read_in_a_fixed_number_of_queries_with_50_and_5000_roles(client_as, name):
    client, _ = client_as("leader")
    url = reverse(name)
    filtered = {"function": 4, "where": "ics", "q": "budget", "page": 2}
    if name == "governance:whoswho":
        filtered |= {"profession": Profession.objects.first().slug}
    _queries(client, url)  # the first request of a session fills caches the later ones use
    _bulk_roles(50)
    small = (_queries(client, url), _queries(client, url, filtered))
    _bulk_roles(5000)
    large = (_queries(client, url), _queries(client, url, filtered))
    assert small == large
    assert max(large) <= 15  # 14, and the header's unread notifications count


# --- demo data ------------------------------------------------------------------------------------------------


def test_the_demo_publishes_addresses_and_names_for_some_holders_and_not_others_and_runs_twice(rate):
    people = [LeaderProfileFactory(user=UserFactory(email=f"holder{n}@{DEMO_DOMAIN}")).user for n in range(6)]
    for n, person in enumerate(people[:5]):
        leadership_role(rate, title=f"Demo lead {n}", holder=person)
    hold_seat("People Board lead", people[5])
    ctx = SeedContext(password="unused")
    build_whoswho(ctx)
    entries = WhosWhoEntry.objects.filter(user__in=people)
    assert ctx.counts["who's who entries"] == 6 == entries.count()
    assert 0 < entries.exclude(contact_email="").count() < 6
    assert 0 < entries.filter(public_consent=True).count() < 6
    again = SeedContext(password="unused")
    build_whoswho(again)
    assert again.counts["who's who entries"] == 0


def test_entries_say_what_a_role_leads_and_where_in_words(rate):
    diabetes = ClinicalNetwork.objects.get_or_create(name="Diabetes")[0]
    bexley = Borough.objects.get(slug="bexley")
    leadership_role(rate, title="Network lead", function=10, clinical_network=diabetes, holder=holder("A", "One"))
    leadership_role(
        rate, title="LCP lead", function=4, spatial_level=SpatialLevel.LCP, borough=bexley, holder=holder("B", "Two")
    )
    hold_seat("People Board lead", holder("C", "Three"))
    shown = {entry.title: entry for entry in map(presenters.entry, rows())}
    assert shown["Network lead"].leads == "10. Care standards"
    assert shown["Network lead"].where == "Diabetes clinical network (ICS body)"
    assert shown["LCP lead"].where == bexley.lcp_name
    assert shown["People Board lead"].where == "C&CP Leadership Group" and shown["People Board lead"].is_seat
    assert shown["People Board lead"].leads.startswith("C&CP Leadership Group: ")


def test_the_public_home_page_links_the_public_whoswho(client):
    assert reverse("governance:whoswho_public") in client.get(reverse("ui:home")).content.decode()
