"""The `fanfold` command: Django's management commands under the archive's own name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fanfold.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["fanfold", *sys.argv[1:]])


if __name__ == "__main__":
    main()
