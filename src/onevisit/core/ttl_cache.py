"""A small per-process cache whose entries live a few seconds: for facts read on every request
that change rarely (API tokens, access grants), where a short delay before a change is seen in
other processes is acceptable and said so. Code that changes such a fact clears the cache of its
own process at once (see ``onevisit.exchange.caching``)."""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from django.conf import settings

V = TypeVar("V")
_caches: weakref.WeakSet[TTLCache] = weakref.WeakSet()


class TTLCache(Generic[V]):
    """``get(key, load)``: the value ``load()`` gave at most ``settings.<setting>`` seconds ago
    (0 turns caching off). Values for which ``keep(value)`` is false are never kept (a failed
    lookup must not hide a fix). Past ``max_entries`` the whole cache starts over."""

    def __init__(self, setting: str, default_seconds: float, *, keep: Callable[[V], bool] = bool,
                 max_entries: int = 10_000, clock: Callable[[], float] = time.monotonic) -> None:
        self.setting = setting
        self.default_seconds = default_seconds
        self.keep = keep
        self.max_entries = max_entries
        self.clock = clock
        self._entries: dict[Hashable, tuple[float, V]] = {}
        _caches.add(self)

    def get(self, key: Hashable, load: Callable[[], V]) -> V:
        now = self.clock()
        entry = self._entries.get(key)
        if entry is not None and entry[0] > now:
            return entry[1]
        value = load()
        seconds = float(getattr(settings, self.setting, self.default_seconds))
        if seconds > 0 and self.keep(value):
            if len(self._entries) >= self.max_entries:
                self._entries = {}
            self._entries[key] = (now + seconds, value)
        return value

    def clear(self) -> None:
        self._entries = {}


def clear_all() -> None:
    """Forget every TTLCache's entries (tests; settings changes)."""
    for cache in list(_caches):
        cache.clear()
