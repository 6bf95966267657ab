"""Live console sessions and the back-off ring, in real headless Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import open_cluster, pod, run

pytestmark = pytest.mark.browser

CRASHER = """\
apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "sleep 3; exit 1"]
"""

WEB = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
"""


def test_get_watch_keeps_printing_rows_into_the_console(page: Page, server: str):
    open_cluster(page, server)
    run(page, "kubectl get pods -w")
    run(page, "kubectl apply -f -", WEB)
    # The apply ended the first watch, as Ctrl-C would; watch again.
    run(page, "kubectl get pods -w")
    rows = page.locator("#console-log .watchline")
    expect(rows.filter(has_text="Running")).not_to_have_count(0, timeout=30_000)
    expect(rows.first).to_contain_text("web")


def test_the_back_off_ring_starts_when_the_kubelet_holds_a_restart(
    page: Page, server: str
):
    open_cluster(page, server)
    run(page, "kubectl apply -f -", CRASHER)
    crasher = pod(page, "crasher")
    # The second exit is held back 10 s: the ring shows from the kubelet's
    # decision, counting down from (nearly) the whole delay.
    expect(crasher).to_have_attribute("data-restarts", "1", timeout=30_000)
    expect(crasher).to_have_attribute(
        "data-backoff", re.compile(r"^\d+/10$"), timeout=30_000
    )
    left = int(crasher.get_attribute("data-backoff").split("/")[0])
    assert 0 < left <= 10
    expect(crasher.locator(".backoff")).to_have_attribute("visibility", "visible")
