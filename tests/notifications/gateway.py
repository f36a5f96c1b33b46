"""A test gateway: a real HTTP server on 127.0.0.1 in a thread, standing in for the SMS and WeChat
platforms. It records every request and answers 503 to the next N of them when told to."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Received:
    path: str
    authorization: str
    payload: dict[str, Any]
    at: float  # time.time() when it arrived (wall clock, to compare with the deliveries' times)
    status: int  # what we answered


class LocalGateway:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures_left = 0
        self.received: list[Received] = []
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                with gateway._lock:
                    status = 503 if gateway._failures_left > 0 else 200
                    gateway._failures_left = max(gateway._failures_left - 1, 0)
                    gateway.received.append(
                        Received(self.path, self.headers.get("Authorization", ""), payload, time.time(), status)
                    )
                body = b'{"ok": true}' if status == 200 else b'{"error": "busy"}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:  # keep the test output clean
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="test-gateway", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> LocalGateway:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def reset(self, *, fail_next: int = 0) -> None:
        with self._lock:
            self.received = []
            self._failures_left = fail_next

    def requests_to(self, path: str) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.path == path]
