"""Compile the translation catalogs (``locale/*/LC_MESSAGES/*.po``) to ``.mo``.

Django's ``compilemessages`` needs GNU gettext's ``msgfmt``; this does the same
with polib, a pure-Python package, so a fresh machine needs nothing but pip.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po to .mo files (no msgfmt needed)."

    def handle(self, *args: Any, **options: Any) -> None:
        for folder in settings.LOCALE_PATHS:
            for po_path in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
                compile_po(po_path)
                self.stdout.write(f"compiled {po_path}")


def compile_po(po_path: Path) -> Path:
    """Write the ``.mo`` beside ``po_path``, skipping fuzzy entries as msgfmt does."""
    catalog = polib.pofile(str(po_path))
    for entry in catalog.fuzzy_entries():
        catalog.remove(entry)
    mo_path = po_path.with_suffix(".mo")
    catalog.save_as_mofile(str(mo_path))
    return mo_path
