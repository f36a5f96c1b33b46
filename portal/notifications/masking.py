"""Personal data in what we write about messages (logs, admin lists): masked with the portal's own rules."""

from __future__ import annotations

import re

from portal.audit.masking import mask_account, mask_name, mask_phone

# Mainland mobile numbers inside free text (a note may quote one): 1 + 10 digits, not part of a longer number.
_MOBILE = re.compile(r"(?<!\d)1\d{10}(?!\d)")


def mask_email(value: str) -> str:
    local, at, domain = value.partition("@")
    if not at:
        return mask_account(value)
    return f"{local[:1]}***@{domain}"


def mask_address(channel: str, address: str) -> str:
    """138****5678 for SMS, l***@example.cn for e-mail, the last four characters of a WeChat open id."""
    if channel == "sms":
        return mask_phone(address)
    if channel == "email":
        return mask_email(address)
    return mask_account(address)


def mask_recipient(name: str) -> str:
    return mask_name(name)


def mask_body(text: str) -> str:
    """Phone numbers quoted in a message's text; names in free text cannot be told apart and stay."""
    return _MOBILE.sub(lambda match: mask_phone(match.group()), text)
