"""Supporting documents: type and size checked by content, downloads only for those who may read the bid."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from programmes.challenge_fund import services
from programmes.challenge_fund.models import Attachment, BidState, ReviewAssignment
from tests.factories.challenge_fund import BidFactory, RoundFactory
from tests.factories.directory import LeaderProfileFactory
from tests.programmes.challenge_fund.test_review import make_reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(name="plan.pdf", size=None):
    content = b"%PDF-1.4\n" + (b"0" * (size - 9) if size else b"%%EOF\n")
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx(name="letter.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def test_pdf_and_docx_are_accepted_and_stored_under_a_random_name():
    bid = BidFactory()
    first = services.add_attachment(bid.lead, bid, pdf())
    second = services.add_attachment(bid.lead, bid, docx())
    assert first.original_name == "plan.pdf" and "plan" not in first.file.name
    assert second.content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("run.exe", b"MZ...", content_type="application/pdf"), "must be a PDF"),
        (SimpleUploadedFile("fake.pdf", b"not a pdf", content_type="application/pdf"), "must be a PDF"),
        (SimpleUploadedFile("fake.docx", b"%PDF-1.4", content_type="application/pdf"), "must be a PDF"),
        (SimpleUploadedFile("fake.xlsx", docx().read()), "must be a PDF"),  # a Word package named .xlsx
        (pdf(size=10 * 1024 * 1024 + 1), "smaller than 10 MB"),
    ],
)
def test_wrong_or_oversized_files_are_refused(upload, message):
    bid = BidFactory()
    with pytest.raises(ValidationError, match=message):
        services.add_attachment(bid.lead, bid, upload)
    assert not Attachment.objects.exists()


def test_no_uploads_after_the_deadline():
    bid = BidFactory(round=RoundFactory(closes_at=timezone.now() - dt.timedelta(minutes=1)))
    with pytest.raises(ValidationError, match="closed"):
        services.add_attachment(bid.lead, bid, pdf())


def test_upload_page_shows_errors_and_saves_nothing(client):
    bid = BidFactory()
    client.force_login(bid.lead)
    url = reverse("challenge_fund:bid_attachments", args=[bid.pk])
    response = client.post(url, {"file": SimpleUploadedFile("notes.txt", b"hello")})
    assert response.status_code == 400
    assert "must be a PDF" in response.content.decode() and "<title>Error: " in response.content.decode()
    assert client.post(url, {"file": pdf()}).status_code == 302
    assert bid.attachments.count() == 1


def test_who_may_download(client, fund_admin):
    bid = BidFactory()
    document = services.add_attachment(bid.lead, bid, pdf())
    url = reverse("challenge_fund:attachment", args=[bid.pk, document.pk])
    client.force_login(bid.lead)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(LeaderProfileFactory().user)
    assert client.get(url).status_code == 404
    client.force_login(fund_admin)
    assert client.get(url).status_code == 404  # a draft is the applicants' alone
    services.transition(bid, BidState.SUBMITTED, workflow.SYSTEM)
    assert client.get(url).status_code == 200


def test_reviewers_download_only_after_declaring_no_conflict(client, fund_admin):
    bid = BidFactory()
    document = services.add_attachment(bid.lead, bid, pdf())
    for step in (BidState.SUBMITTED, BidState.ELIGIBILITY, BidState.IN_REVIEW):
        services.transition(bid, step, workflow.SYSTEM)
    url = reverse("challenge_fund:attachment", args=[bid.pk, document.pk])
    clear, conflicted = make_reviewer(), make_reviewer()
    clear_assignment = ReviewAssignment.objects.create(bid=bid, reviewer=clear)
    ReviewAssignment.objects.create(bid=bid, reviewer=conflicted, conflicted=True, declared_at=timezone.now())
    client.force_login(clear)
    assert client.get(url).status_code == 404  # not declared yet
    services.declare_interest(clear, clear_assignment, conflicted=False)
    assert client.get(url).status_code == 200
    client.force_login(conflicted)
    assert client.get(url).status_code == 404
