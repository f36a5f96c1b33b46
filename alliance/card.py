"""The contact card's QR code: an inline SVG (no external service, prints sharply at A6)."""

from __future__ import annotations

import io

import qrcode
from qrcode.image.svg import SvgPathImage


def qr_svg(url: str) -> str:
    """The SVG element for ``url``, without the XML declaration, ready to inline in a page."""
    image = qrcode.make(url, image_factory=SvgPathImage, box_size=10, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    text = buffer.getvalue().decode()
    return text[text.index("<svg") :]
