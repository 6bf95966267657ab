"""Screenshots of each view of the page, for the README and for looking at.

    .venv/bin/python -m tests.bench.screenshots http://127.0.0.1:8000 docs/

Drives a fresh sandbox in headless Chromium at 1366x768 and 1920x1080 (and
in Chinese): a Deployment behind a Service, a request flow, a crash, "why
here?", an unschedulable pod, a node down, back in time on the timeline,
preemption with kube-proxy's rules beside a Service, and 50 nodes with 1,000
pods.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from tests.bench.test_browser_bench import BIG_STATE
from tests.browser.conftest import CHROMIUM_ARGS
from tests.browser.helpers import run, running
from tests.browser.test_diagram_preemption import FILLER, PRIORITY_CLASS, URGENT
from tests.browser.test_diagram_views import DEPLOYMENT, NOWHERE

SIZES = {"768": (1366, 768), "1080": (1920, 1080)}

TRAFFIC = """
() => {
  const d = window.pilothouse.diagram;
  const pods = [...d.model.pods.values()].filter((p) => p.name.startsWith("web-"));
  const events = [];
  for (let i = 0; i < 9; i++) {
    const p = pods[i % pods.length];
    events.push({ type: "traffic", service: "default/web", source: { node: "node-1" },
      node: "node-1", via: "kube-proxy/node-1", endpoint: p.ip, pod: p.name,
      target_node: p.node, ok: true, mode: "iptables" });
  }
  d.apply(events);
}
"""


def shoot(page: Page, out: Path, name: str) -> None:
    page.wait_for_timeout(350)
    page.screenshot(path=str(out / f"{name}.png"))
    print(out / f"{name}.png")


def views(page: Page, base: str, out: Path, tag: str) -> None:
    page.goto(base + "/")
    expect(page.locator('[data-kind="node"][data-status="Ready"]')).to_have_count(4)
    page.locator("#ctl-speed").select_option("20")
    run(page, "kubectl apply -f -", DEPLOYMENT)
    expect(running(page, "web-")).to_have_count(3, timeout=30_000)
    run(page, "kubectl expose deployment web --port=80")
    page.wait_for_timeout(1500)
    page.evaluate(TRAFFIC)
    shoot(page, out, f"cluster-{tag}")
    first = page.locator('[data-kind="pod"][data-name^="web-"]').first
    first.focus()
    page.keyboard.press("Enter")
    shoot(page, out, f"why-here-{tag}")
    page.keyboard.press("Escape")
    run(page, "kubectl apply -f -", NOWHERE)
    page.wait_for_timeout(1200)
    name = first.get_attribute("data-name")
    run(page, f"sim crash pod/{name}")
    page.wait_for_timeout(150)
    shoot(page, out, f"queue-and-crash-{tag}")
    run(page, "sim node-down node-3")
    expect(page.locator('[data-kind="node"][data-name="node-3"]')).to_have_attribute(
        "data-status", "NotReady", timeout=20_000
    )
    shoot(page, out, f"node-down-{tag}")
    back_in_time(page, out, tag)


def back_in_time(page: Page, out: Path, tag: str) -> None:
    """Back to the moment the Service was exposed, before the later commands."""
    page.locator("#timeline-marks .tl-mark").nth(1).click()
    expect(page.locator("#timeline")).to_have_attribute("data-past", "true")
    expect(page.locator("#timeline")).not_to_have_attribute("data-seeking", "true")
    shoot(page, out, f"timeline-past-{tag}")


def preemption(page: Page, base: str, out: Path, tag: str) -> None:
    """A high-priority pod preempting a filler, the filler Service's chain open."""
    page.goto(base + "/")
    page.locator(".new-cluster button").click()  # not the cluster views() left
    expect(page.locator('[data-kind="node"][data-status="Ready"]')).to_have_count(4)
    page.locator("#ctl-speed").select_option("20")
    run(page, "kubectl apply -f -", PRIORITY_CLASS)
    run(page, "kubectl apply -f -", FILLER)
    expect(running(page)).to_have_count(3, timeout=30_000)
    run(page, "kubectl expose deployment filler --port=80")
    page.wait_for_timeout(1500)
    page.locator('[data-kind="service"]').filter(has_text="svc/filler").click()
    run(page, "sim traffic svc/filler --rps 5 --for 4s")
    page.wait_for_timeout(2500)
    page.locator("#ctl-pause").click()
    run(page, "kubectl apply -f -", URGENT)
    expect(page.locator('[data-preempted-by="urgent"]')).to_have_count(1)
    shoot(page, out, f"preemption-{tag}")


def crowded(page: Page, base: str, out: Path, tag: str) -> None:
    page.goto(base + "/")
    expect(page.locator('[data-kind="node"]')).to_have_count(4)
    page.locator("#ctl-pause").click()
    state = page.evaluate(BIG_STATE, [50, 1000])
    page.evaluate("s => window.pilothouse.diagram.load(s)", state)
    shoot(page, out, f"crowded-{tag}")


def main(base: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        for size, (w, h) in SIZES.items():
            for locale in ("en-US", "zh-CN"):
                ctx = browser.new_context(
                    viewport={"width": w, "height": h}, locale=locale,
                    extra_http_headers={"Accept-Language": locale},
                )  # fmt: skip
                page = ctx.new_page()
                tag = f"{size}-{locale[:2]}"
                views(page, base, out, tag)
                preemption(page, base, out, tag)
                crowded(page, base, out, tag)
                ctx.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
