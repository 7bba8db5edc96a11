"""Leaders without a line manager (GP partners, contractors, locums, volunteers, experts by experience)
say so on their profile, with why; a profile with neither a line manager nor a reason is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from academy.directory import services
from academy.directory.models import LeaderProfile
from tests.academy.directory.test_views import edit_data
from tests.factories.directory import LeaderProfileFactory

pytestmark = pytest.mark.django_db

NO_MANAGER = {"has_line_manager": "no", "line_manager_name": None, "line_manager_email": None}


def test_a_profile_with_no_line_manager_saves_with_the_reason(client_as):
    client, user = client_as("leader")
    response = client.post(
        reverse("directory:profile_edit"), edit_data(**NO_MANAGER, no_line_manager_reason="contractor")
    )
    assert response.status_code == 302
    profile = LeaderProfile.objects.get(user=user)
    assert profile.line_manager_email == "" and profile.no_line_manager_reason == "contractor"
    page = client.get(reverse("directory:profile")).content.decode()
    assert "No line manager: I am a contractor" in page
    # the edit form remembers the answer
    form = client.get(reverse("directory:profile_edit")).content.decode()
    assert 'value="no" checked' in form


def test_no_line_manager_without_a_reason_is_refused_and_nothing_saved(client_as):
    client, user = client_as("leader")
    response = client.post(reverse("directory:profile_edit"), edit_data(**NO_MANAGER))
    body = response.content.decode()
    assert response.status_code == 400 and "<title>Error: " in body
    assert "Select why you have no line manager" in body
    assert not LeaderProfile.objects.filter(user=user).exists()


def test_another_reason_needs_words_and_is_shown_escaped(client_as):
    client, user = client_as("leader")
    url = reverse("directory:profile_edit")
    refused = client.post(url, edit_data(**NO_MANAGER, no_line_manager_reason="other"))
    assert refused.status_code == 400 and "Tell us why you have no line manager" in refused.content.decode()
    hostile = "<script>alert(1)</script> carer"
    assert client.post(url, edit_data(**NO_MANAGER, no_line_manager_reason="other",
                                      no_line_manager_detail=hostile)).status_code == 302
    page = client.get(reverse("directory:profile")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; carer" in page and hostile not in page


def test_saying_yes_still_needs_the_line_manager(client_as):
    client, user = client_as("leader")
    data = edit_data(has_line_manager="yes", line_manager_email=None)
    response = client.post(reverse("directory:profile_edit"), data)
    assert response.status_code == 400 and "Enter your line manager&#x27;s email address" in response.content.decode()


def test_switching_to_a_line_manager_clears_the_reason(client_as):
    client, user = client_as("leader")
    url = reverse("directory:profile_edit")
    client.post(url, edit_data(**NO_MANAGER, no_line_manager_reason="locum"))
    assert client.post(url, edit_data(has_line_manager="yes", no_line_manager_reason="locum")).status_code == 302
    profile = LeaderProfile.objects.get(user=user)
    assert profile.no_line_manager_reason == "" and profile.line_manager_email == "dana.lead@example.nhs.uk"


def test_the_service_and_the_database_refuse_neither_or_both():
    profile = LeaderProfileFactory()
    user = profile.user
    fields = {
        name: getattr(profile, name)
        for name in ("profession", "organisation", "borough", "leader_group", "career_stage", "job_title")
    }
    with pytest.raises(ValidationError):
        services.save_profile(user, user, first_name="A", last_name="B", line_manager_name="", line_manager_email="",
                              **fields)
    with pytest.raises(ValidationError):
        services.save_profile(user, user, first_name="A", last_name="B", line_manager_email="x@example.nhs.uk",
                              no_line_manager_reason="locum", **fields)
    saved = services.save_profile(user, user, first_name="A", last_name="B", line_manager_name="",
                                  line_manager_email="", no_line_manager_reason="volunteer", **fields)
    assert saved.no_line_manager_reason == "volunteer" and not saved.has_line_manager
    with pytest.raises(IntegrityError), transaction.atomic():
        LeaderProfile.objects.filter(pk=profile.pk).update(no_line_manager_reason="")
