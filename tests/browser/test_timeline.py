"""The timeline in real Chromium: go back to before a command, see the cluster as
it was, play on and watch the command run again."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import open_cluster, pod, run, running

SOLO = """\
apiVersion: v1
kind: Pod
metadata:
  name: solo
spec:
  containers:
  - name: nginx
    image: nginx:1.27
"""


def seek_to(page: Page, seconds: float) -> None:
    """Drag the timeline as a learner would: set it, then let go."""
    page.locator("#timeline-range").evaluate(
        """(el, t) => {
            el.value = String(t);
            el.dispatchEvent(new Event("input", {bubbles: true}));
            el.dispatchEvent(new Event("change", {bubbles: true}));
        }""",
        seconds,
    )


def test_going_back_redraws_the_past_and_playing_on_replays_it(page: Page, server):
    open_cluster(page, server)
    run(page, "kubectl create deployment web --image=nginx --replicas=2")
    expect(running(page)).to_have_count(2)
    marks = page.locator("#timeline-marks .tl-mark")
    expect(marks).to_have_count(1)
    typed_at = float(marks.first.get_attribute("data-time"))

    seek_to(page, typed_at)  # the moment before the command ran
    timeline = page.locator("#timeline")
    expect(timeline).to_have_attribute("data-past", "true")
    expect(page.locator('[data-kind="pod"]')).to_have_count(0)
    expect(page.locator("#ctl-pause")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("#timeline-note")).to_contain_text(
        "1 later commands will run again"
    )
    expect(marks.first).to_have_class("tl-mark future")

    page.locator("#ctl-play").click()
    replayed = page.locator("#console-log .entry .replayed")
    expect(replayed).to_have_count(1)
    expect(running(page)).to_have_count(2)
    expect(marks.first).to_have_class("tl-mark")


def test_a_command_in_the_past_starts_a_new_timeline(page: Page, server):
    open_cluster(page, server)
    run(page, "kubectl create deployment web --image=nginx")
    expect(running(page)).to_have_count(1)
    seek_to(page, 0)
    expect(page.locator('[data-kind="pod"]')).to_have_count(0)
    run(page, "kubectl create deployment api --image=nginx")
    marks = page.locator("#timeline-marks .tl-mark")
    expect(marks).to_have_count(1)
    expect(marks.first).to_have_attribute(
        "title", "0:00.0  $ kubectl create deployment api --image=nginx"
    )
    expect(page.locator("#timeline")).to_have_attribute("data-past", "false")
    page.locator("#ctl-play").click()
    expect(running(page)).to_have_count(1)
    expect(page.locator('[data-kind="pod"]').first).to_have_attribute(
        "data-name", re.compile(r"^api-")
    )


def test_back_to_now_returns_to_the_furthest_moment(page: Page, server):
    open_cluster(page, server)
    run(page, "kubectl apply -f -", SOLO)
    expect(pod(page, "solo")).to_have_attribute("data-status", "Running")
    seek_to(page, 0)
    expect(pod(page, "solo")).to_have_count(0)
    page.locator("#timeline-now").click()
    expect(pod(page, "solo")).to_have_attribute("data-status", "Running")
    expect(page.locator("#timeline")).to_have_attribute("data-past", "false")
    expect(page.locator("#timeline-now")).to_be_hidden()


def test_dragging_the_timeline_scrubs_through_the_past(page: Page, server):
    open_cluster(page, server)
    run(page, "kubectl apply -f -", SOLO)
    expect(pod(page, "solo")).to_have_attribute("data-status", "Running")
    page.locator("#ctl-pause").click()
    box = page.locator("#timeline-range").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] - 4, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, y, steps=5)
    # Still holding the thumb: the cluster has already gone back there.
    timeline = page.locator("#timeline")
    expect(timeline).to_have_attribute("data-past", "true")
    expect(timeline).not_to_have_attribute("data-seeking", "true")
    middle = page.locator("#sim-time").text_content()
    page.mouse.move(box["x"] + 2, y, steps=5)
    page.mouse.up()
    expect(page.locator("#sim-time")).to_have_text("0:00.0")
    expect(pod(page, "solo")).to_have_count(0)
    assert middle != "0:00.0"


def test_going_back_forgets_what_the_page_saw_later(page: Page, server):
    open_cluster(page, server)
    run(page, "kubectl create deployment web --image=nginx --replicas=2")
    expect(running(page)).to_have_count(2)
    run(page, "kubectl expose deployment web --port=80")
    service = page.locator('[data-kind="service"][data-name="web"]')
    expect(service.locator(".svc-ep")).to_have_count(2)
    run(page, "sim traffic svc/web --rps 5 --for 2s --from node/node-1")
    counted = service.locator(".svc-ep", has_text="⇢")
    expect(counted).to_have_count(2, timeout=20_000)
    # The request-sending command's mark: just before it, even when `expose`
    # ran in the same instant.
    page.locator("#timeline-marks .tl-mark").nth(2).click()
    expect(page.locator("#timeline")).to_have_attribute("data-past", "true")
    expect(service.locator(".svc-ep")).to_have_count(2)
    expect(counted).to_have_count(0)
    page.locator("#ctl-play").click()  # and they are sent again
    expect(counted).to_have_count(2, timeout=20_000)


def test_a_click_on_the_timeline_asks_for_that_moment_once(page: Page, server):
    open_cluster(page, server)
    run(page, "kubectl apply -f -", SOLO)
    expect(pod(page, "solo")).to_have_attribute("data-status", "Running")
    page.locator("#ctl-pause").click()
    page.evaluate(
        """() => { window.__seeks = 0; document.getElementById("timeline-form")
            .addEventListener("submit", () => window.__seeks++); }"""
    )
    box = page.locator("#timeline-range").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 3, box["y"] + box["height"] / 2)
    expect(page.locator("#timeline")).to_have_attribute("data-past", "true")
    page.wait_for_timeout(1000)  # the click's change event settles
    assert page.evaluate("window.__seeks") == 1
