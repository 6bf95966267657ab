"""The etcd panel in real headless Chromium: keys under /registry/ with their
revisions, rows lighting up as they change, and the watches each change reached."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import open_cluster, run

pytestmark = pytest.mark.browser

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
"""

KEY = "/registry/pods/default/web"


READ_REVISIONS = """
(key) => {
  const rev = (row) => Number(row.dataset.revision);
  return {
    key: rev(document.querySelector(`#etcd-rows tr[data-key="${key}"]`)),
    newest: rev(document.querySelector("#etcd-rows tr")),
    global: Number(document.getElementById("etcd-revision").textContent),
  };
}
"""


def open_etcd_tab(page: Page) -> None:
    """Switch to the etcd tab from the keyboard, as the tabs pattern says."""
    page.locator("#tab-events").focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator("#tab-etcd")).to_be_focused()
    expect(page.locator("#tab-etcd")).to_have_attribute("aria-selected", "true")
    expect(page.locator("#etcd-tab")).to_be_visible()
    expect(page.locator("#events-tab")).to_be_hidden()


def revision_of(page: Page, key: str) -> int:
    row = page.locator(f'#etcd-rows tr[data-key="{key}"]')
    return int(row.get_attribute("data-revision") or "0")


def test_a_pod_s_key_appears_and_its_revision_rises(page: Page, server: str):
    open_cluster(page, server)
    open_etcd_tab(page)
    # The snapshot fills the panel with the keys already there.
    expect(
        page.locator('#etcd-rows tr[data-key="/registry/nodes/node-1"]')
    ).to_have_count(1)
    expect(page.locator("#etcd-note")).to_be_hidden()
    start = int(page.locator("#etcd-revision").inner_text())

    run(page, "kubectl apply -f -", POD)
    row = page.locator(f'#etcd-rows tr[data-key="{KEY}"]')
    expect(row).to_have_count(1, timeout=10_000)
    expect(row.locator(".etcd-op")).to_have_text("✎ put")
    expect(row.locator(".etcd-rev")).to_have_text(re.compile(r"^\d+$"))
    first = revision_of(page, KEY)
    assert first > start
    # The watch carried the change to the scheduler (at least).
    expect(row.locator(".chip", has_text="kube-scheduler").first).to_be_visible(
        timeout=10_000
    )

    run(page, "kubectl label pod web tier=front")
    expect(row).not_to_have_attribute("data-revision", str(first), timeout=10_000)
    # Read at one instant: the kubelet may write the pod again at any time.
    seen = page.evaluate(READ_REVISIONS, KEY)
    assert seen["key"] > first
    assert seen["global"] >= seen["key"]
    assert seen["newest"] >= seen["key"]  # newest change first

    run(page, "kubectl delete pod web --grace-period=0 --force")
    expect(row).to_have_attribute("data-op", "delete", timeout=20_000)
    expect(row.locator(".etcd-op")).to_have_text("✕ delete")


def test_a_reloaded_page_fills_the_panel_from_its_snapshot(page: Page, server: str):
    open_cluster(page, server)
    run(page, "kubectl apply -f -", POD)
    expect(page.locator(f'#etcd-rows tr[data-key="{KEY}"]')).to_have_count(
        1, timeout=10_000
    )
    page.reload()
    open_etcd_tab(page)
    row = page.locator(f'#etcd-rows tr[data-key="{KEY}"]')
    expect(row).to_have_count(1)
    expect(row.locator(".etcd-rev")).to_have_text(re.compile(r"^\d+$"))
    expect(page.locator("#etcd-count")).to_have_text(re.compile(r"^\d+ keys$"))


MANY_WRITES = """
() => {
  const events = [];
  for (let i = 0; i < 1500; i++) {
    events.push({ type: "etcd", op: "put", key: `/registry/configmaps/default/cm-${i}`,
      revision: 100000 + i });
  }
  events.push({ type: "etcd", op: "put", key: "/registry/configmaps/default/cm-7",
    revision: 200000 });
  pilothouse.etcd.apply(events);
}
"""


def test_many_keys_keep_a_capped_list_newest_first(page: Page, server: str):
    open_cluster(page, server)
    page.locator("#ctl-pause").click()  # no real writes in between
    expect(page.locator("#ctl-pause")).to_have_attribute("aria-pressed", "true")
    open_etcd_tab(page)
    page.evaluate(MANY_WRITES)
    rows = page.locator("#etcd-rows tr")
    expect(rows).to_have_count(200)
    expect(rows.first).to_have_attribute(
        "data-key", "/registry/configmaps/default/cm-7"
    )
    expect(page.locator("#etcd-revision")).to_have_text("200000")
    expect(page.locator("#etcd-more")).to_have_text(re.compile(r"^\+\d+ older keys"))
    assert page.locator('#etcd-rows tr[data-key$="/cm-7"]').count() == 1
