"""Checking an uploaded document by what it contains, not by what the browser says it is.

Shared by the programmes that take documents from people (the communities' resources library): a PDF must
start with the PDF header; a Word, PowerPoint or Excel file must be an Office Open XML package holding its
main part. The declared content type and the name alone are never trusted."""

from __future__ import annotations

import zipfile

DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAIN_PART = {"docx": "word/document.xml", "pptx": "ppt/presentation.xml", "xlsx": "xl/workbook.xml"}


def extension_of(name: str) -> str:
    name = (name or "").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def is_what_it_says(upload, extension: str) -> bool:
    """Whether the upload's content is a document of the type its extension names (one of DOCUMENT_TYPES)."""
    if extension not in DOCUMENT_TYPES:
        return False
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if extension == "pdf":
        return head == b"%PDF-"
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(upload) as package:
            names = set(package.namelist())
    except zipfile.BadZipFile:
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and MAIN_PART[extension] in names


def simple_pdf(title: str, lines: list[str]) -> bytes:
    """A small one-page PDF (a title and a few points) with a correct xref table, for demo data made in code."""
    text = " ".join(
        f"BT /F1 {size} Tf 72 {y} Td ({line.replace('(', '[').replace(')', ']')}) Tj ET"
        for size, y, line in [(24, 720, title), *[(14, 670 - 28 * i, f"- {line}") for i, line in enumerate(lines)]]
    ).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
