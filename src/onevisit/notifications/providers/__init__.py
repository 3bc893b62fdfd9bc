"""Delivery providers: one class per way of sending, one method each.

A provider is any class with a no-argument constructor and ``send(message) -> str``, named by
dotted path in ``settings.ONEVISIT_NOTIFICATION_PROVIDERS`` (channel -> path). ``send`` hands the
message over and returns the provider's own message id ("" if it has none). It raises
``PermanentDeliveryError`` when retrying cannot help, and anything else for a transient failure,
which is retried with backoff. Recording attempts is not the provider's job (see delivery.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class OutgoingMessage:
    notification_id: int
    channel: str
    # The channel's address of the recipient: an email address, a mobile number, a user name.
    address: str
    recipient_name: str
    subject: str
    body: str


class Provider(Protocol):
    def send(self, message: OutgoingMessage) -> str: ...
