"""Words of the diagram's preemption and kube-proxy views, translated.

Keys match the ``t(key, english)`` calls in ``static/pilothouse/diagram``
(``preemption.js``, ``services.js``); braces mark values the scripts fill in.
``visual.front.views.ui_text`` merges them into the page's words.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


def diagram_words() -> dict[str, str]:
    return {
        "nominated": _("nominated"),
        "noProxyRules": _("headless: kube-proxy has no rules"),
        "notProgrammed": _("not programmed by kube-proxy yet"),
        "preempted": _("preempted"),
        "preemptedBy": _("preempted by {pod}"),
        "preemptedMany": _(
            "kube-scheduler: preempted {count} lower-priority pods on {node} for {pod}"
        ),
        "preemptedOne": _(
            "kube-scheduler: preempted 1 lower-priority pod on {node} for {pod}"
        ),
        "preempting": _("preempting"),
        "rest": _("rest"),
    }
