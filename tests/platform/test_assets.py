"""The chart and map libraries are npm dependencies the portal installs and serves itself.

They are pinned in package.json / package-lock.json, copied from node_modules into static/vendor/
by `make` (never committed), served by the app in every mode, and collected with hashed,
compressed names for production.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
# What base.html hands to static/portal/charts.js, and where each comes from in node_modules.
VENDORED = {
    "vendor/echarts/echarts.min.js": "echarts/dist/echarts.min.js",
    "vendor/leaflet/leaflet.js": "leaflet/dist/leaflet.js",
    "vendor/leaflet/leaflet.css": "leaflet/dist/leaflet.css",
    "vendor/leaflet/images/layers.png": "leaflet/dist/images/layers.png",
    "vendor/leaflet.markercluster/leaflet.markercluster.js": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "vendor/leaflet.markercluster/MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
    "vendor/leaflet.markercluster/MarkerCluster.Default.css": "leaflet.markercluster/dist/MarkerCluster.Default.css",
    "vendor/leaflet.heat/leaflet-heat.js": "leaflet.heat/dist/leaflet-heat.js",
}


def test_the_libraries_are_pinned_to_exact_versions_and_locked() -> None:
    pins = json.loads((ROOT / "package.json").read_text())["dependencies"]
    assert pins == {"echarts": "6.1.0", "leaflet": "1.9.4", "leaflet.heat": "0.2.0", "leaflet.markercluster": "1.5.3"}
    locked = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    assert {name: locked[f"node_modules/{name}"]["version"] for name in pins} == pins
    assert all(locked[f"node_modules/{name}"]["integrity"].startswith("sha512-") for name in pins)


def test_the_installed_files_are_ignored_by_git_and_left_out_of_the_image() -> None:
    assert {"node_modules/", "static/vendor/"} <= set((ROOT / ".gitignore").read_text().split())
    assert {"node_modules", "static/vendor"} <= set((ROOT / ".dockerignore").read_text().split())
    tracked = subprocess.run(
        ["git", "ls-files", "static/vendor", "node_modules"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert tracked.stdout == ""


def test_the_app_serves_each_vendored_file_as_npm_installed_it(client: Client) -> None:
    for served, installed in VENDORED.items():
        response = client.get(f"/static/{served}")
        assert response.status_code == 200, served
        body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
        assert body == (ROOT / "node_modules" / installed).read_bytes(), served


def test_every_library_base_html_names_is_a_vendored_file() -> None:
    base = (ROOT / "templates" / "base.html").read_text()
    named = {part.split("'")[1] for part in base.split("{% static ")[1:] if part.startswith("'vendor/")}
    assert named == {path for path in VENDORED if not path.endswith(".png")}


def test_collectstatic_hashes_and_compresses_the_libraries(tmp_path: Path, settings: object) -> None:
    settings.STATIC_ROOT = tmp_path  # type: ignore[attr-defined]
    settings.STORAGES = {  # type: ignore[attr-defined]
        **settings.STORAGES,  # type: ignore[attr-defined]
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    echarts = manifest["vendor/echarts/echarts.min.js"]
    assert echarts != "vendor/echarts/echarts.min.js"  # a hashed name, cached for ever
    compressed = (tmp_path / f"{echarts}.gz").stat().st_size
    assert compressed < (tmp_path / echarts).stat().st_size / 2  # 1.1 MB goes over the wire as ~0.37 MB
    # Leaflet's stylesheet points at its images under their hashed names.
    css = (tmp_path / manifest["vendor/leaflet/leaflet.css"]).read_text()
    assert Path(manifest["vendor/leaflet/images/layers.png"]).name in css


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the git checkout")
def test_make_on_a_fresh_clone_installs_the_libraries_and_the_portal_serves_them(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    assert not (clone / "static" / "vendor").exists()
    # npm's cache already holds the pinned tarballs (make test ran npm ci): no download needed.
    env = {**os.environ, "npm_config_prefer_offline": "true"}
    subprocess.run(["make", "--no-print-directory", "assets"], cwd=clone, env=env, check=True, capture_output=True)
    port = free_port()
    embedded = {k: v for k, v in env.items() if k not in {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"}}
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=clone,
        env={**embedded, "DJANGO_DEBUG": "true", "PORTAL_VAR_DIR": str(tmp_path / "var")},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        assert wait_for(f"http://127.0.0.1:{port}/static/portal/charts.js"), (tmp_path / "server.log").read_text()
        statuses = {}
        for served in ("vendor/echarts/echarts.min.js", "vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css"):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/{served}", timeout=10) as response:
                statuses[served] = response.status
        assert statuses == {
            "vendor/echarts/echarts.min.js": 200,
            "vendor/leaflet/leaflet.js": 200,
            "vendor/leaflet/leaflet.css": 200,
        }
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def wait_for(url: str, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return bool(response.status == 200)
        except OSError:
            time.sleep(0.3)
    return False
