"""The plugin registry of transport adapters, after Open Forms' ``plugins/registry.py``.

An adapter class knows how to reach one kind of provider endpoint (in-process, HTTP JSON, a
department's own protocol). It registers itself under a transport name; settings then say
which provider uses which transport. Adding a department means a settings entry and, if its
endpoint speaks something new, one adapter class: the exchange does not change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from .base import ProviderAdapter

AdapterT = TypeVar("AdapterT", bound="type[ProviderAdapter]")


class TransportRegistry:
    def __init__(self) -> None:
        self._adapters: dict[str, type[ProviderAdapter]] = {}

    def __call__(self, name: str) -> Callable[[AdapterT], AdapterT]:
        def decorator(adapter_cls: AdapterT) -> AdapterT:
            existing = self._adapters.get(name)
            if existing is not None and existing is not adapter_cls:
                raise ValueError(f"transport {name!r} is already registered by {existing.__qualname__}")
            adapter_cls.transport = name
            self._adapters[name] = adapter_cls
            return adapter_cls

        return decorator

    def __getitem__(self, name: str) -> type[ProviderAdapter]:
        return self._adapters[name]

    def __contains__(self, name: object) -> bool:
        return name in self._adapters

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._adapters))

    def unregister(self, name: str) -> None:
        """For tests that register a throwaway adapter."""
        self._adapters.pop(name, None)


transports = TransportRegistry()
register_transport = transports
