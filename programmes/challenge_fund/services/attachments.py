"""Documents attached to a bid."""

from __future__ import annotations

import zipfile

from django.core.exceptions import ValidationError
from django.db import transaction

from academy.accounts.models import User
from programmes.challenge_fund.models import (
    Attachment,
    Bid,
)
from programmes.challenge_fund.services.bids import lock_for_edit

# --- attachments -----------------------------------------------------------------------------------

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
ATTACHMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
WRONG_TYPE = "The file must be a PDF, a Word document (.docx) or an Excel spreadsheet (.xlsx)"


def _sniff(upload, extension: str) -> bool:
    """Whether the file's content is what its name says: a PDF header, or an Office Open XML package
    with the Word or Excel part. The browser's declared content type is not trusted."""
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if extension == "pdf":
        return head == b"%PDF-"
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(upload) as package:
            names = package.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)
    part = "word/document.xml" if extension == "docx" else "xl/workbook.xml"
    return "[Content_Types].xml" in names and part in names


@transaction.atomic
def add_attachment(actor: User, bid: Bid, upload) -> Attachment:
    bid = lock_for_edit(actor, bid)
    name = (upload.name or "").rsplit("/", 1)[-1][:200]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_TYPES or not _sniff(upload, extension):
        raise ValidationError({"file": WRONG_TYPE})
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError({"file": "The file must be smaller than 10 MB"})
    if bid.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError({"file": f"A bid can have up to {MAX_ATTACHMENTS} documents. Remove one first"})
    attachment = Attachment(
        bid=bid, original_name=name, content_type=ATTACHMENT_TYPES[extension], size=upload.size, uploaded_by=actor
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def remove_attachment(actor: User, attachment: Attachment) -> None:
    lock_for_edit(actor, attachment.bid)
    attachment.file.delete(save=False)
    attachment.delete()
