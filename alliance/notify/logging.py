"""The default backend: writes the message to the log (development, tests, sites without a gateway)."""

from __future__ import annotations

import logging as std_logging

from alliance.notify.base import Message

logger = std_logging.getLogger("alliance.notify")


class LoggingBackend:
    name = "logging"

    def send(self, message: Message) -> None:
        logger.info("to %s via %s: %s", message.address, message.channel, message.body)
