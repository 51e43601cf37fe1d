"""`fanfold openapi --write` regenerates docs/openapi.json from the code; without it, prints it."""

from django.core.management.base import BaseCommand

from fanfold.api.schema import SNAPSHOT, openapi_text


class Command(BaseCommand):
    help = "Print the API's OpenAPI document, or --write it to docs/openapi.json."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--write", action="store_true", help="update the committed snapshot")

    def handle(self, *args, write: bool, **options) -> None:
        if write:
            SNAPSHOT.write_text(openapi_text(), encoding="utf-8")
            self.stdout.write(f"Wrote {SNAPSHOT}")
        else:
            self.stdout.write(openapi_text(), ending="")
