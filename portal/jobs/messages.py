"""A job's messages are kept as their English source text and its parameters, translated when shown.

A worker has no reader: it cannot know whether the run's page will be read in Chinese or in
English, or by whom. So a job reports ``ctx.progress(10, gettext_noop("%(areas)d areas read"),
areas=24)``; the run keeps ``{"at": …, "text": "%(areas)d areas read", "params": {"areas": 24}}``;
and the page translates the text in the reader's language and fills in the numbers.
``gettext_noop`` marks the text for the catalogues without translating it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from django.utils import timezone
from django.utils.translation import gettext

log = logging.getLogger(__name__)


class Progress(Protocol):
    """How a service reports progress to the job running it (``JobContext.progress``)."""

    def __call__(self, percent: float, message: str | None = None, /, **params: Any) -> None: ...


def printed(write: Callable[[str], object]) -> Progress:
    """A ``Progress`` for a management command: each message translated and written as a line."""

    def report(percent: float, message: str | None = None, /, **params: Any) -> None:
        write(f"{percent:.0f}% {translate(message, params)}" if message else f"{percent:.0f}%")

    return report


@dataclass(frozen=True)
class ShownMessage:
    at: datetime | None
    text: str


def stored(text: str, params: Mapping[str, Any], at: datetime) -> dict[str, Any]:
    """The JSON a run keeps for one message."""
    return {"at": at.isoformat(), "text": text, "params": dict(params)}


def translate(text: str, params: Mapping[str, Any]) -> str:
    """``text`` in the active language with ``params`` filled in.

    A catalogue entry whose placeholders do not match the source must not take the page down: the
    English source is shown instead (and logged, for whoever keeps the catalogue)."""
    translated = gettext(text)
    if not params:
        return translated
    try:
        return translated % params
    except (KeyError, ValueError, TypeError):
        log.warning("job message %r does not take the parameters %r", translated, params)
        try:
            return text % params
        except (KeyError, ValueError, TypeError):
            return text


def shown(entry: object) -> ShownMessage:
    """One stored message for the reader. Runs from before this format kept finished sentences
    (``"HH:MM:SS text"``, already in the worker's language): they are shown as they are."""
    if isinstance(entry, dict) and isinstance(entry.get("text"), str):
        params = entry.get("params")
        text = translate(entry["text"], params if isinstance(params, dict) else {})
        return ShownMessage(_parse_time(entry.get("at")), text)
    return ShownMessage(None, str(entry))


def _parse_time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment
