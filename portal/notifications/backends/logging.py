"""Messages written to the log instead of sent: a channel without a gateway. Personal data masked."""

from __future__ import annotations

import logging as std_logging

from portal.notifications.base import Message
from portal.notifications.masking import mask_address, mask_body, mask_recipient

logger = std_logging.getLogger("portal.notifications")


class LoggingBackend:
    name = "logging"

    def send(self, message: Message) -> None:
        logger.info(
            "%s to %s %s (not sent: no gateway configured): %s",
            message.channel,
            mask_address(message.channel, message.address),
            mask_recipient(message.recipient_name),
            mask_body(message.body),
        )
