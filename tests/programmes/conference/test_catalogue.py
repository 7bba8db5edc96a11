"""The conference in the programme catalogue and the navigation (issue 11): leaders find an open call."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.ui.formats import nhs_date_range, nhs_datetime
from programmes.conference.catalogue import open_calls
from programmes.conference.models import SessionKind
from tests.programmes.conference.helpers import make_edition

pytestmark = pytest.mark.django_db


def test_an_edition_whose_call_is_open_is_in_the_catalogue(client):
    edition = make_edition()
    talk_deadline = edition.session_types.get(kind=SessionKind.TALK).deadline
    later = talk_deadline + dt.timedelta(days=5)
    edition.session_types.filter(kind=SessionKind.WORKSHOP).update(deadline=later)
    html = client.get(reverse("programmes:catalogue")).content.decode()
    assert "Innovation in SEL System Leadership conference" in html
    assert f'href="{reverse("conference:index")}"' in html  # the programme's card leads to the open calls
    dates = nhs_date_range(edition.starts_on, edition.ends_on)
    detail = (f"{edition.name}: On {dates} at Guy&#x27;s Campus, London Bridge. Send a proposal by "
              f"{nhs_datetime(talk_deadline)} (by {nhs_datetime(later)} for some session types).")
    assert detail in html


def test_drafts_and_closed_calls_are_not_in_the_catalogue(client):
    make_edition(published=False)
    closed = make_edition()
    closed.session_types.update(deadline=timezone.now() - dt.timedelta(minutes=1))
    assert open_calls(timezone.now()) == []
    html = client.get(reverse("programmes:catalogue")).content.decode()
    assert "Innovation in SEL System Leadership conference" not in html


def test_one_session_type_still_open_keeps_the_call_in_the_catalogue(django_assert_num_queries):
    edition = make_edition()
    edition.session_types.filter(kind=SessionKind.TALK).update(deadline=timezone.now() - dt.timedelta(hours=1))
    workshop = edition.session_types.get(kind=SessionKind.WORKSHOP)
    for _ in range(3):
        make_edition()
    with django_assert_num_queries(1):  # one query whatever the number of editions
        offers = open_calls(timezone.now())
    assert len(offers) == 4
    mine = next(offer for offer in offers if offer.title == edition.name)
    assert mine.detail.endswith(f"Send a proposal by {nhs_datetime(workshop.deadline)}.")


def test_the_navigation_leads_leaders_to_the_conference(client_as):
    client, _ = client_as("leader")
    html = client.get(reverse("programmes:catalogue")).content.decode()
    assert f'class="nhsuk-header__navigation-link" href="{reverse("conference:index")}"' in html
    page = client.get(reverse("conference:index")).content.decode()
    assert 'aria-current="page"' in page or 'aria-current="true"' in page
