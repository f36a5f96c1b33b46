"""Attachments: allowed types and sizes, content that must match the extension, scoped downloads."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from portal.tickets.models import Attachment, Ticket

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
DOCX = b"PK\x03\x04" + b"\x00" * 32


@pytest.mark.parametrize(
    ("name", "content", "stored_type"),
    [
        ("照片.png", PNG, "image/png"),
        ("报告.PDF", b"%PDF-1.4\n...", "application/pdf"),
        ("纪要.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("清单.csv", "编号,地址\n1,港福里\n".encode(), "text/csv"),
        ("说明.txt", "路灯编号 BH-17".encode("gb18030"), "text/plain"),
    ],
)
def test_bob_attaches_allowed_files_and_downloads_them_through_the_view(
    bob_client: Client, alice_ticket: Ticket, name: str, content: bytes, stored_type: str
) -> None:
    response = bob_client.post(
        reverse("tickets:attachment-upload", args=[alice_ticket.pk]), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.original_name, attachment.content_type, attachment.size) == (name, stored_type, len(content))
    assert attachment.file.name.startswith("tickets/")
    assert name not in attachment.file.name
    download = bob_client.get(reverse("tickets:attachment-download", args=[alice_ticket.pk, attachment.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == stored_type
    streamed = cast(Iterable[bytes], download.streaming_content)  # type: ignore[attr-defined]  # a FileResponse
    assert b"".join(streamed) == content


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00", "不能上传此类文件"),
        ("invoice.pdf", b"MZ\x90\x00 really a program", "与其文件类型不符"),
        ("photo.jpg", PNG, "与其文件类型不符"),
        ("data.csv", b"a,b\x00\x01", "与其文件类型不符"),
        ("empty.txt", b"", "提交的是空文件"),
    ],
)
def test_refused_files_get_a_clear_message_and_nothing_is_stored(
    bob_client: Client, alice_ticket: Ticket, name: str, content: bytes, message: str
) -> None:
    response = bob_client.post(
        reverse("tickets:attachment-upload", args=[alice_ticket.pk]), {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["attachment_form"].errors["file"])
    assert not Attachment.objects.exists()


def test_a_file_over_the_limit_is_refused(settings: Any, bob_client: Client, alice_ticket: Ticket) -> None:
    settings.ATTACHMENT_MAX_BYTES = 1024
    response = bob_client.post(
        reverse("tickets:attachment-upload", args=[alice_ticket.pk]),
        {"file": SimpleUploadedFile("big.png", PNG + b"\x00" * 1024)},
    )
    assert response.status_code == 400
    errors = [e.replace("\xa0", " ") for e in response.context["attachment_form"].errors["file"]]
    assert errors == ["文件过大（1.0 KB），上限为 1.0 KB。"]
    assert not Attachment.objects.exists()


def test_no_file_at_all_is_refused(bob_client: Client, alice_ticket: Ticket) -> None:
    response = bob_client.post(reverse("tickets:attachment-upload", args=[alice_ticket.pk]), {})
    assert response.status_code == 400
    assert list(response.context["attachment_form"].errors) == ["file"]


def test_an_attachment_is_not_found_under_another_ticket(world: Any, bob_client: Client, alice_ticket: Ticket) -> None:
    from portal.tickets import services

    other = services.create_ticket(world.binhai, world.alice, title="另一单")
    attachment = services.add_attachment(alice_ticket, world.bob, SimpleUploadedFile("a.png", PNG))
    url = reverse("tickets:attachment-download", args=[other.pk, attachment.pk])
    assert bob_client.get(url).status_code == 404
