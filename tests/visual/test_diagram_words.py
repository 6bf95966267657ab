"""The words of the preemption and kube-proxy views: each is used by a script
and translated into Simplified Chinese."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils import translation

from visual.lib.diagram_words import diagram_words

SCRIPTS = Path(settings.BASE_DIR) / "static" / "pilothouse" / "diagram"


def test_every_word_is_used_by_a_diagram_script() -> None:
    source = "".join(p.read_text(encoding="utf-8") for p in SCRIPTS.glob("*.js"))
    assert [k for k in diagram_words() if f't("{k}"' not in source] == []


def test_the_words_are_translated() -> None:
    english = diagram_words()
    with translation.override("zh-hans"):
        chinese = diagram_words()
    assert [k for k in english if english[k] == chinese[k]] == []
    assert chinese["preemptedBy"] == "被 {pod} 抢占"
