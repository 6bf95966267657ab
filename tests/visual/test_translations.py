"""The interface in Simplified Chinese; the catalog compiles without msgfmt."""

from __future__ import annotations

import json
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from visual.front.management.commands.compilepo import compile_po
from visual.simhost.models import SimCluster

CATALOG = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_every_message_is_translated():
    catalog = polib.pofile(str(CATALOG))
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []


def test_the_catalog_compiles_with_polib(tmp_path):
    copy = tmp_path / "django.po"
    copy.write_text(CATALOG.read_text(encoding="utf-8"), encoding="utf-8")
    mo = compile_po(copy)
    assert polib.mofile(str(mo)).find("Play").msgstr == "播放"


@pytest.mark.django_db
def test_the_page_follows_accept_language(client):
    row = SimCluster.objects.create()
    url = reverse("front:cluster", args=[row.id])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<html lang="zh-hans">' in page and "播放" in page
    words = re.search(
        r'<script id="ui-text" type="application/json">(.*?)</script>', page
    )
    assert json.loads(words.group(1))["unscheduled"] == "未调度"  # for the scripts
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in page and "Play" in page
