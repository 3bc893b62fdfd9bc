"""What every transport adapter is: a :class:`~onevisit.registries.contract.Provider` built
from one settings entry."""

from __future__ import annotations

import abc
from collections.abc import Mapping
from typing import Any, ClassVar

from django.core.exceptions import ImproperlyConfigured

from onevisit.registries.contract import ItemSpec, ProviderError, Query, QueryResult

from .bounded import BoundedCaller


class UnknownProvider(ProviderError):
    code = "unknown_provider"  # no provider is configured under this code


class ProviderAdapter(abc.ABC):
    """One configured provider. Subclasses register with ``@register_transport(name)``.

    ``query`` never takes longer than the effective timeout (the smaller of the caller's and the
    configured one) and raises only :class:`ProviderError` subclasses: the exchange logs the
    error code and shows nothing partial.
    """

    transport: ClassVar[str] = ""
    #: settings keys the adapter understands besides the common ones
    options: ClassVar[frozenset[str]] = frozenset()
    common_options: ClassVar[frozenset[str]] = frozenset({"transport", "timeout", "module", "max_in_flight"})

    def __init__(self, code: str, config: Mapping[str, Any]) -> None:
        unknown = sorted(set(config) - self.common_options - self.options)
        if unknown:
            raise ImproperlyConfigured(
                f"ONEVISIT_PROVIDERS[{code!r}]: transport {self.transport!r} does not know {', '.join(unknown)}"
            )
        self.code = code
        self.config = dict(config)
        try:
            self.timeout = float(config["timeout"])
        except (KeyError, TypeError, ValueError):
            raise ImproperlyConfigured(f"ONEVISIT_PROVIDERS[{code!r}]: timeout must be a number of seconds") from None
        if self.timeout <= 0:
            raise ImproperlyConfigured(f"ONEVISIT_PROVIDERS[{code!r}]: timeout must be positive")
        self.caller = BoundedCaller(code, max_in_flight=int(config.get("max_in_flight", 16)))

    def effective_timeout(self, timeout: float | None) -> float:
        # The configured timeout is the operator's bound for this provider; a caller may only
        # ask for less (e.g. what is left of its own request budget).
        return self.timeout if timeout is None else max(0.001, min(float(timeout), self.timeout))

    @abc.abstractmethod
    def items(self) -> tuple[ItemSpec, ...]: ...

    @abc.abstractmethod
    def query(self, query: Query, *, timeout: float | None = None) -> QueryResult: ...

    def close(self) -> None:
        """Release pooled resources (connections); the adapter is not used afterwards."""
        return None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code} via {self.transport} timeout={self.timeout}s>"
