"""Files people hand in: the type is read from the content, never from the name, and stored
under the content's hash so no applicant-chosen name reaches the disk.

Used by application uploads and by supplement answers; each keeps its own model (Upload,
SupplementFile) with the same columns: file, original_name, content_type, size, sha256.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

# Magic bytes: the file's content says what it is, not its name.
SIGNATURES = {
    "pdf": (b"%PDF-", "application/pdf"),
    "jpg": (b"\xff\xd8\xff", "image/jpeg"),
    "png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    "ofd": (b"PK\x03\x04", "application/ofd"),  # OFD is a zip package
}
ALIASES = {"jpeg": "jpg"}
DEFAULT_KINDS = ("pdf", "jpg", "png")
DEFAULT_MAX_MB = 10


class FileRejected(Exception):
    """Why a file was not accepted: ``code`` is empty / file_size / file_type."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def sniff(content: bytes) -> str | None:
    for kind, (magic, _mime) in SIGNATURES.items():
        if content.startswith(magic):
            return kind
    return None


def file_kind(content: bytes, *, accepted=DEFAULT_KINDS, max_mb: int = DEFAULT_MAX_MB) -> str:
    """The file's kind (pdf, jpg, png, ofd) if it is not empty, within ``max_mb`` and of an
    accepted kind; otherwise raise FileRejected with a message a person can act on."""
    accepted = {ALIASES.get(t, t) for t in accepted}
    if not content:
        raise FileRejected("empty", _("文件为空"))
    if len(content) > max_mb * 1024 * 1024:
        raise FileRejected("file_size", _("文件不能超过 %(n)s MB") % {"n": max_mb})
    kind = sniff(content)
    if kind is None or kind not in accepted:
        raise FileRejected("file_type", _("只接受以下格式：%(types)s") % {"types": "、".join(sorted(accepted))})
    return kind


def file_store(row, *, content: bytes, kind: str, original_name: str):
    """Fill the row's file columns, write the file as ``<sha256 prefix>.<kind>`` and save the row."""
    digest = hashlib.sha256(content).hexdigest()
    row.original_name = original_name[:255]
    row.content_type = SIGNATURES[kind][1]
    row.size = len(content)
    row.sha256 = digest
    row.file.save(f"{digest[:16]}.{kind}", ContentFile(content), save=False)
    row.save()
    return row
