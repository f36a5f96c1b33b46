"""Masking of personal data for partners: name 张*, phone 138****5678, ID first 6 + last 4."""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\d")


def mask_name(value: str) -> str:
    value = value.strip()
    if not value:
        return value
    if value.isascii():  # a Latin name: keep the initial of each word
        return " ".join(part[0] + "*" for part in value.split())
    return value[0] + "*" * (len(value) - 1 if len(value) > 2 else 1)


def mask_phone(value: str) -> str:
    digits = "".join(_DIGITS.findall(value))
    if len(digits) >= 11:
        return digits[:3] + "****" + digits[-4:]
    if len(digits) >= 7:
        return digits[:2] + "*" * (len(digits) - 4) + digits[-2:]
    return "*" * len(digits)


def mask_id_number(value: str) -> str:
    value = value.strip()
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_address(value: str) -> str:
    """Keep the district/street part, hide the house number and the rest."""
    value = value.strip()
    keep = max(len(value) // 2, min(len(value), 6))
    return value[:keep] + ("*" * 4 if len(value) > keep else "")


def mask_account(value: str) -> str:
    """Customer account numbers: only the last four characters stay readable."""
    value = value.strip()
    return "*" * max(len(value) - 4, 0) + value[-4:] if len(value) > 4 else "*" * len(value)


def mask_text(value: str) -> str:
    return "*" * min(len(value), 8)


MASKERS = {
    "name": mask_name,
    "phone": mask_phone,
    "id_number": mask_id_number,
    "address": mask_address,
    "account": mask_account,
    "text": mask_text,
}


def mask(kind: str, value: str | None) -> str | None:
    if value is None or value == "":
        return value
    return MASKERS[kind](str(value))
