"""Demo seed: the catalogue files in ``data/``, through the same importer as any other file."""

from pathlib import Path

from onevisit.catalogue import services
from onevisit.core.seeding import SeedContext

DATA_DIR = Path(__file__).resolve().parent / "data"


def seed_files() -> list[Path]:
    return sorted(DATA_DIR.glob("*.yaml"))


def seed_catalogue(ctx: SeedContext) -> None:
    report = services.catalogue_import_files(paths=seed_files())
    ctx.stdout(f"service catalogue: {report.summary()}")
