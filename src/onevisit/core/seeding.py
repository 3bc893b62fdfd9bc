"""Pluggable demo seeding. Each app registers its steps; `onevisit seed` runs them in order.

An app registers in its ``AppConfig.ready()``::

    seeding.register("accounts.people", seed_people, after=["core.regions"])

A step receives a :class:`SeedContext` and must be idempotent: running the seed twice leaves
one demo province, not two.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from faker import Faker


@dataclass
class SeedContext:
    citizens: int = 2000
    enterprises: int = 40
    seed: int = 20161201  # the month the reform was proposed
    stdout: Callable[[str], None] = print
    faker: Faker = field(init=False)
    rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self.faker = Faker("zh_CN")
        self.faker.seed_instance(self.seed)
        self.rng = random.Random(self.seed)


@dataclass(frozen=True)
class SeedStep:
    name: str
    run: Callable[[SeedContext], None]
    after: tuple[str, ...] = ()


_steps: dict[str, SeedStep] = {}


def register(name: str, run: Callable[[SeedContext], None], *, after: list[str] | tuple[str, ...] = ()) -> None:
    _steps[name] = SeedStep(name=name, run=run, after=tuple(after))


def ordered_steps() -> list[SeedStep]:
    """Steps in dependency order (a step runs after every step it names in ``after``)."""
    ordered: list[SeedStep] = []
    seen: set[str] = set()

    def visit(step: SeedStep, path: tuple[str, ...]) -> None:
        if step.name in seen:
            return
        if step.name in path:
            raise ValueError(f"seed steps depend on each other in a cycle: {' -> '.join(path + (step.name,))}")
        for dependency in step.after:
            if dependency not in _steps:
                raise ValueError(f"seed step {step.name} needs unknown step {dependency}")
            visit(_steps[dependency], path + (step.name,))
        seen.add(step.name)
        ordered.append(step)

    for step in sorted(_steps.values(), key=lambda s: s.name):
        visit(step, ())
    return ordered
