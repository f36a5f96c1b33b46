"""Typed readers for settings that come from environment variables.

Each helper rejects a malformed value at start-up with a message naming the variable, so a typo in
a deployment fails loudly instead of silently falling back to a default.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


class SettingError(ValueError):
    """An environment variable holds a value its setting cannot take."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise SettingError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise SettingError(f"{name} must be an integer, not {raw!r}") from exc
    if minimum is not None and value < minimum:
        raise SettingError(f"{name} must be at least {minimum}, not {value}")
    return value


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise SettingError(f"{name} must be a number, not {raw!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = os.environ.get(name, "") or default
    if value not in choices:
        raise SettingError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def installation_secret_key(path: Path) -> str:
    """This installation's random secret key, made on first use and kept readable by its owner only."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process of this installation made it a moment ago
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key)
    return key


def env_url_template(name: str, placeholders: tuple[str, ...]) -> str:
    """A URL template such as a tile server's ``https://tiles.example/{z}/{x}/{y}.png``; empty when unset."""
    value = os.environ.get(name, "").strip()
    if not value:
        return ""
    missing = [p for p in placeholders if p not in value]
    if missing or not value.startswith(("https://", "http://", "/")):
        raise SettingError(f"{name} must be an http(s) URL or a path with {', '.join(placeholders)}, not {value!r}")
    return value
