"""The `onevisit` console command: Django's management commands under one name.

`onevisit serve`, `onevisit seed`, `onevisit worker`, `onevisit bench`, and every standard command
(`onevisit migrate`, `onevisit check --deploy` ...).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onevisit.conf.dev")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "onevisit"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
