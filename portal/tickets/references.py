"""Human ticket references such as ``BH-202611-0042``: tenant prefix, month, per-tenant sequence.

The prefix comes from the tenant's slug. Slugs are pinyin (``binhai``, ``wuqing``), so the prefix is
the initial of each syllable (BH, WQ); a slug with dashes gives the initial of each part, and one
that is not pinyin (``sgcc``) gives its first four letters.
"""

from __future__ import annotations

import re
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from portal.tenancy.models import Tenant
from portal.tickets.models import TicketSequence

# One pinyin syllable: optional initial, the vowels, and an n/ng/r coda that does not start the next syllable.
_SYLLABLE = re.compile(r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv]+(?:ng(?![aeiouv])|n(?![aeiouv])|r(?![aeiouv]))?")


def _pinyin_initials(word: str) -> str | None:
    initials: list[str] = []
    position = 0
    while position < len(word):
        match = _SYLLABLE.match(word, position)
        if match is None:
            return None
        initials.append(word[position])
        position = match.end()
    return "".join(initials).upper() if len(initials) >= 2 else None


def reference_prefix(tenant: Tenant) -> str:
    slug = tenant.slug.lower()
    parts = [p for p in re.split(r"[^a-z0-9]+", slug) if p]
    if len(parts) > 1:
        return "".join(p[0] for p in parts).upper()[:6]
    word = parts[0] if parts else ""
    return _pinyin_initials(word) or word.upper()[:4] or "T"


def _bump(tenant: Tenant, period: str) -> int | None:
    rows = TicketSequence.objects.for_tenant(tenant).filter(period=period)
    # The UPDATE takes the row lock, held until the caller's transaction ends: a second creator
    # waits here and then counts on from our value.
    if rows.update(last_value=F("last_value") + 1) == 0:
        return None
    return int(rows.values_list("last_value", flat=True).get())


def next_reference(tenant: Tenant, when: datetime | None = None) -> str:
    """The next free reference of ``tenant`` for the month of ``when`` (Asia/Shanghai).

    Call it inside the transaction that saves the ticket, so a rolled-back ticket gives its number back.
    """
    period = timezone.localtime(when or timezone.now()).strftime("%Y%m")
    with transaction.atomic():
        value = _bump(tenant, period)
        if value is None:
            try:
                with transaction.atomic():
                    TicketSequence.objects.create(tenant=tenant, period=period, last_value=1)
                value = 1
            except IntegrityError:  # another request created this month's row first
                value = _bump(tenant, period)
                assert value is not None
    return f"{reference_prefix(tenant)}-{period}-{value:04d}"
