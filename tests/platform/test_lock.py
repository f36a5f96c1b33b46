"""The lock files: every installed package pinned with its hashes, and the pins of the ``.in`` files kept."""

from __future__ import annotations

import re
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(path: Path) -> dict[str, tuple[str, int]]:
    """name → (version, number of hashes) of a lock file written by ``uv pip compile --generate-hashes``."""
    found: dict[str, tuple[str, int]] = {}
    current = ""
    for line in path.read_text().splitlines():
        match = PIN.match(line)
        if match:
            current = canonical(match.group(1))
            found[current] = (match.group(2), 0)
        elif line.strip().startswith("--hash=sha256:") and current:
            version, hashes = found[current]
            found[current] = (version, hashes + 1)
    return found


def pins(path: Path) -> dict[str, str]:
    return {canonical(m.group(1)): m.group(2) for line in path.read_text().splitlines() if (m := PIN.match(line))}


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-dev.txt"])
def test_every_package_of_the_lock_carries_at_least_one_hash(lock: str) -> None:
    entries = locked(ROOT / lock)
    assert "django" in entries  # the parser read the file
    assert sorted(name for name, (_version, hashes) in entries.items() if hashes == 0) == []


@pytest.mark.parametrize(
    ("source", "lock"), [("requirements.in", "requirements.txt"), ("requirements-dev.in", "requirements-dev.txt")]
)
def test_the_lock_keeps_every_pin_of_its_source_file(source: str, lock: str) -> None:
    entries = locked(ROOT / lock)
    wanted = pins(ROOT / source)
    assert {name: entries.get(name, ("missing", 0))[0] for name in wanted} == wanted


def test_the_development_lock_agrees_with_the_runtime_lock() -> None:
    runtime = locked(ROOT / "requirements.txt")
    development = locked(ROOT / "requirements-dev.txt")
    assert {name: development[name][0] for name in runtime} == {name: v for name, (v, _h) in runtime.items()}


# Where a runtime package can be used: our code (imported, or named in a dotted string such as a
# backend path or INSTALLED_APPS), and the deployment files (gunicorn is a command).
CODE_FOLDERS = ("portal", "alliance", "careband", "theftscan", "bench", "scripts")
DEPLOYMENT_FILES = ("Dockerfile", "docker-compose.yml", "Makefile")


def module_names() -> dict[str, set[str]]:
    """distribution (canonical name) → the top-level modules it installs."""
    found: dict[str, set[str]] = {}
    for module, distributions in packages_distributions().items():
        for distribution in distributions:
            found.setdefault(canonical(distribution), set()).add(module)
    return found


def is_used(module: str, code: str, deployment: str) -> bool:
    imported = re.search(rf"^\s*(?:import|from)\s+{module}\b", code, re.MULTILINE)
    named = re.search(rf"[\"']{module}[\"'.]", code)
    return bool(imported or named or re.search(rf"\b{module}\b", deployment))


def test_every_runtime_pin_is_used_by_the_portal() -> None:
    code = "\n".join(p.read_text() for folder in CODE_FOLDERS for p in (ROOT / folder).rglob("*.py"))
    deployment = "\n".join((ROOT / name).read_text() for name in DEPLOYMENT_FILES)
    modules = module_names()
    unused = [
        name
        for name in pins(ROOT / "requirements.in")
        if not any(is_used(module, code, deployment) for module in modules.get(name, set()))
    ]
    assert "django" in pins(ROOT / "requirements.in")  # the pins were read
    assert unused == []
