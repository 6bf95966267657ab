"""A pod failing readiness drops out of the rotation in real Chromium: its
endpoint is struck out, kube-proxy's chain loses its rule, and the requests
sent afterwards all go to the pods still ready."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import open_cluster, run
from tests.browser.test_diagram_views import DEPLOYMENT

pytestmark = pytest.mark.browser

# The page's usual Deployment, whose pods a readiness probe gates.
READY_WEB = (
    DEPLOYMENT
    + """\
        readinessProbe:
          httpGet: {path: /, port: 80}
          periodSeconds: 2
          failureThreshold: 1
"""
)

COUNTS = """
() => Object.fromEntries([...document.querySelectorAll(
  '[data-kind="service"][data-name="web"] .svc-lb-line[data-address]')]
  .map((e) => [e.dataset.address.split(":")[0], Number(e.dataset.count || 0)]))
"""


def test_a_pod_failing_readiness_leaves_the_rotation(page: Page, server: str):
    open_cluster(page, server)
    run(page, "kubectl apply -f -", READY_WEB)
    ready = page.locator('[data-kind="pod"][data-name^="web-"][data-ready="1/1"]')
    expect(ready).to_have_count(3, timeout=30_000)
    run(page, "kubectl expose deployment web --port=80")
    service = page.locator('[data-kind="service"][data-name="web"]')
    expect(service.locator(".svc-ep:not(.down)")).to_have_count(3, timeout=10_000)
    service.locator(".svc-name").click()
    rules = service.locator(".svc-lb-line[data-address]")
    expect(rules).to_have_count(3, timeout=10_000)

    sick = ready.first
    name = sick.get_attribute("data-name")
    ip = page.evaluate(
        "n => [...window.pilothouse.diagram.model.pods.values()]"
        ".find((p) => p.name === n).ip",
        name,
    )
    run(page, f"sim fail-probe pod/{name} readiness")
    endpoint = service.locator(f'.svc-ep[data-ip="{ip}"]')
    expect(endpoint).to_have_class("svc-ep down", timeout=20_000)
    expect(endpoint).to_contain_text("not ready")
    expect(rules).to_have_count(2, timeout=20_000)
    expect(service.locator(f'.svc-lb-line[data-address^="{ip}:"]')).to_have_count(0)

    run(page, "sim traffic svc/web --rps 5 --for 4s --from node/node-1")
    page.wait_for_function(
        f"() => Object.values(({COUNTS})()).reduce((a, b) => a + b, 0) === 20",
        timeout=20_000,
    )
    counts = page.evaluate(COUNTS)
    assert ip not in counts and sorted(counts.values())[0] > 0
    expect(endpoint).not_to_contain_text("⇢")
