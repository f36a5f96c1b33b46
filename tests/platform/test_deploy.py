"""The deployment's promises: a production configuration passes `check --deploy`, and `.env.example`
documents every variable the settings read."""

from __future__ import annotations

import itertools
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from portal.core.programmes import programme_apps

ROOT = Path(__file__).resolve().parents[2]
ENV_CALL = re.compile(r'env_(?:str|bool|int|float|list|choice|url_template)\(\s*"([A-Z][A-Z0-9_]*)"')
ENV_LINE = re.compile(r"^([A-Z][A-Z0-9_]*)=", re.MULTILINE)
# Read by docker-compose or gunicorn, not by settings.py.
DEPLOYMENT_ONLY = {"POSTGRES_PASSWORD", "WORKER_CONCURRENCY", "WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS"}


def settings_variables() -> set[str]:
    """The variables settings.py reads, and those the programme apps' declared settings read."""
    declared = {setting.env for app in programme_apps() for setting in app.settings if setting.env}
    return set(ENV_CALL.findall((ROOT / "portal" / "settings.py").read_text())) | declared


def documented_variables() -> set[str]:
    return set(ENV_LINE.findall((ROOT / ".env.example").read_text()))


def test_the_settings_read_the_variables_this_test_knows_about() -> None:
    # Guards the regular expression: if it stopped matching, the next test would pass vacuously.
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL", "JOBS_BACKEND", "PORTAL_API_RATE"} <= settings_variables()


def test_env_example_names_every_variable_the_settings_read() -> None:
    assert sorted(settings_variables() - documented_variables()) == []


def test_env_example_names_no_variable_nothing_reads() -> None:
    assert sorted(documented_variables() - settings_variables() - DEPLOYMENT_ONLY) == []


def test_every_variable_in_env_example_has_a_comment() -> None:
    lines = (ROOT / ".env.example").read_text().splitlines()
    uncommented = [
        line.split("=", 1)[0]
        for previous, line in itertools.pairwise(lines)
        if ENV_LINE.match(line) and not previous.startswith("#")
    ]
    assert uncommented == []


def production_env() -> dict[str, str]:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        pytest.skip("needs the test PostgreSQL (run under scripts/with-services.sh)")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "WHITENOISE_"))}
    env.update(
        {
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),  # 64 characters
            "DJANGO_ALLOWED_HOSTS": "portal.example.cn",
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "DATABASE_URL": database_url,
        }
    )
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_a_production_configuration_passes_the_deploy_checks() -> None:
    result = manage(production_env(), "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_production_without_a_configured_key_runs_on_its_installation_key(tmp_path: Path) -> None:
    env = production_env()
    del env["DJANGO_SECRET_KEY"]
    env["PORTAL_VAR_DIR"] = str(tmp_path)

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert len((tmp_path / "secret_key").read_text()) >= 50


def test_without_a_configured_key_each_installation_makes_and_keeps_its_own(tmp_path: Path) -> None:
    from portal.env import installation_secret_key

    first = installation_secret_key(tmp_path / "var" / "secret_key")
    assert len(first) >= 50
    assert installation_secret_key(tmp_path / "var" / "secret_key") == first
    assert (tmp_path / "var" / "secret_key").stat().st_mode & 0o777 == 0o600
    assert installation_secret_key(tmp_path / "other" / "secret_key") != first
