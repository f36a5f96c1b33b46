"""What may be attached to a ticket: images, PDF, office documents, CSV and plain text, up to
``settings.ATTACHMENT_MAX_BYTES``. The file's first bytes must match its extension, so a program
renamed to ``.pdf`` is refused as well."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office (.doc, .xls, .ppt)
_ZIP = b"PK\x03\x04"  # Office Open XML (.docx, .xlsx, .pptx)
_SNIFF_BYTES = 8192


def _starts(*signatures: bytes) -> Callable[[bytes], bool]:
    return lambda head: any(head.startswith(s) for s in signatures)


def _is_webp(head: bytes) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    # The sniffed block may end in the middle of a character: ignore an incomplete tail.
    for encoding in ("utf-8", "gb18030"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 3:
                return True
            continue
        return True
    return False


@dataclass(frozen=True)
class FileType:
    content_type: str
    looks_right: Callable[[bytes], bool]


ALLOWED: dict[str, FileType] = {
    ".jpg": FileType("image/jpeg", _starts(b"\xff\xd8\xff")),
    ".jpeg": FileType("image/jpeg", _starts(b"\xff\xd8\xff")),
    ".png": FileType("image/png", _starts(b"\x89PNG\r\n\x1a\n")),
    ".gif": FileType("image/gif", _starts(b"GIF87a", b"GIF89a")),
    ".webp": FileType("image/webp", _is_webp),
    ".pdf": FileType("application/pdf", _starts(b"%PDF-")),
    ".doc": FileType("application/msword", _starts(_OLE)),
    ".xls": FileType("application/vnd.ms-excel", _starts(_OLE)),
    ".ppt": FileType("application/vnd.ms-powerpoint", _starts(_OLE)),
    ".docx": FileType("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _starts(_ZIP)),
    ".xlsx": FileType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _starts(_ZIP)),
    ".pptx": FileType("application/vnd.openxmlformats-officedocument.presentationml.presentation", _starts(_ZIP)),
    ".csv": FileType("text/csv", _is_text),
    ".txt": FileType("text/plain", _is_text),
}


def check_upload(upload: UploadedFile) -> str:
    """The content type to store for ``upload``; raises ``ValidationError`` when it is refused."""
    name = PurePath(upload.name or "").name
    limit = settings.ATTACHMENT_MAX_BYTES
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    file_type = ALLOWED.get(PurePath(name).suffix.lower())
    if file_type is None:
        raise ValidationError(
            _(
                "Files of this type cannot be attached. Allowed: images (JPG, PNG, GIF, WebP), PDF, "
                "Word, Excel, PowerPoint, CSV and TXT."
            ),
            code="type",
        )
    upload.seek(0)
    head = upload.read(_SNIFF_BYTES)
    upload.seek(0)
    if not file_type.looks_right(head):
        raise ValidationError(
            _("The content of “%(name)s” does not match its file type.") % {"name": name}, code="content"
        )
    return file_type.content_type
