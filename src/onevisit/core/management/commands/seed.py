import time

from django.core.management.base import BaseCommand

from onevisit.core import seeding


class Command(BaseCommand):
    help = "Seed the demo province: regions, departments, staff, citizens, enterprises and every app's own steps."

    def add_arguments(self, parser):
        parser.add_argument("--citizens", type=int, default=2000, help="people in the synthetic population (adults among them get accounts, at most 20,000)")
        parser.add_argument("--enterprises", type=int, default=40, help="synthetic enterprises")
        parser.add_argument("--seed", type=int, default=20161201, help="random seed (same seed, same province)")
        parser.add_argument("--only", action="append", default=[], help="run only this step (repeatable)")
        parser.add_argument("--list", action="store_true", help="list the steps and stop")

    def handle(self, *args, **options):
        steps = seeding.ordered_steps()
        if options["list"]:
            for step in steps:
                self.stdout.write(step.name)
            return
        context = seeding.SeedContext(
            citizens=options["citizens"],
            enterprises=options["enterprises"],
            seed=options["seed"],
            stdout=self.stdout.write,
        )
        started = time.monotonic()
        for step in steps:
            if options["only"] and step.name not in options["only"]:
                continue
            step_started = time.monotonic()
            step.run(context)
            self.stdout.write(f"  [{step.name}] {time.monotonic() - step_started:.1f}s")
        self.stdout.write(self.style.SUCCESS(f"seeded in {time.monotonic() - started:.1f}s"))
