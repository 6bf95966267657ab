"""``manage.py newcluster``: create a cluster and print its id."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from visual.simhost.models import SimCluster


class Command(BaseCommand):
    help = "Create a sandbox cluster (or one from a scenario file) and print its id."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--scenario", type=Path, help="a scenario YAML file")

    def handle(self, *args: Any, **options: Any) -> None:
        scenario: Path | None = options["scenario"]
        text = scenario.read_text() if scenario else ""
        row = SimCluster.objects.create(seed=options["seed"], scenario=text)
        self.stdout.write(row.key)
