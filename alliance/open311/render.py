"""GeoReport v2 responses in both formats: the same Python data as JSON or as the spec's XML."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse

# The XML element that wraps each item of a list, by the list's element name.
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "errors": "error",
    "endpoints": "endpoint",
    "formats": "format",
}

CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, Mapping):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, Sequence) and not isinstance(value, str):
        item_tag = ITEM_TAGS.get(element.tag, "item")
        for child in value:
            _fill(ET.SubElement(element, item_tag), child)
    else:
        element.text = _text(value)


def to_xml(root: str, data: Any) -> bytes:
    element = ET.Element(root)
    _fill(element, data)
    body: bytes = ET.tostring(element, encoding="utf-8")
    return b'<?xml version="1.0" encoding="utf-8"?>' + body


def respond(fmt: str, root: str, data: Any, status: int = 200) -> HttpResponse:
    """``root`` names the XML document element; JSON is the bare data (a list or an object)."""
    content = to_xml(root, data) if fmt == "xml" else json.dumps(data, ensure_ascii=False).encode()
    return HttpResponse(content, status=status, content_type=CONTENT_TYPES.get(fmt, CONTENT_TYPES["json"]))


def error(fmt: str, status: int, *descriptions: str) -> HttpResponse:
    """Errors are always a list of ``{code, description}``, the code being the HTTP status."""
    return respond(fmt, "errors", [{"code": status, "description": d} for d in descriptions], status=status)
