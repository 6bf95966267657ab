"""A student opens the page, applies a pod in the console and watches it run."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.visual.conftest import NGINX_POD

pytestmark = pytest.mark.browser


def run(page: Page, line: str) -> None:
    console = page.get_by_role("textbox", name="Console", exact=True)
    console.fill(line)
    console.press("Enter")


def inside(inner: dict[str, float], outer: dict[str, float]) -> bool:
    return (
        outer["x"] <= inner["x"]
        and outer["y"] <= inner["y"]
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"]
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"]
    )


def test_a_pod_applied_in_the_console_runs_in_the_diagram(page: Page, server: str):
    page.goto(server + "/")
    nodes = page.locator('[data-kind="node"]')
    expect(nodes).to_have_count(4)
    expect(page.locator('[data-kind="node"][data-status="Ready"]')).to_have_count(4)
    for name in ("kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager"):
        expect(
            page.locator(f'[data-kind="component"][data-name="{name}"]')
        ).to_have_count(1)
    expect(
        page.locator('[data-kind="component"][data-name="kubelet"]')
    ).not_to_have_count(0)

    page.get_by_role("button", name="Pause").click()
    page.locator("#stdin-editor").fill(NGINX_POD)
    run(page, "kubectl apply -f -")
    expect(page.locator("#console-log")).to_contain_text("pod/web created")
    pod = page.locator('[data-kind="pod"][data-name="web"]')
    expect(pod).to_have_attribute("data-status", "Pending")

    page.get_by_label("Speed").select_option("20")
    page.get_by_role("button", name="Play").click()
    expect(pod).to_have_attribute("data-status", "Running", timeout=30_000)
    node = pod.get_attribute("data-node")
    assert node and node.startswith("node-")
    page.wait_for_timeout(1000)  # let the glide onto the node finish
    box = page.locator(f'[data-kind="node"][data-name="{node}"] .node-box')
    assert inside(pod.bounding_box(), box.bounding_box())

    run(page, "kubectl get pods")
    output = page.locator("#console-log .entry").last.locator(".output")
    expect(output).to_contain_text(re.compile(r"web\s+1/1\s+Running"))
    expect(page.locator("#event-rows")).to_contain_text("Scheduled")
    expect(page.locator("#sim-time")).not_to_have_text("0:00.0")


def test_bad_input_gets_one_line_in_the_console(page: Page, server: str):
    page.goto(server + "/")
    expect(page.locator('[data-kind="node"]')).to_have_count(4)
    run(page, "kubectl get pod nope")
    last = page.locator("#console-log .entry").last
    expect(last).to_have_attribute("data-ok", "false")
    expect(last.locator(".output")).to_have_text(
        'Error from server (NotFound): pods "nope" not found\n'
    )


def test_reduced_motion_shows_the_same_states_without_moving_dots(
    chromium: Browser, server: str
):
    context = chromium.new_context(reduced_motion="reduce")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(server + "/")
    expect(page.locator('[data-kind="node"]')).to_have_count(4)
    page.get_by_label("Speed").select_option("20")
    page.locator("#stdin-editor").fill(NGINX_POD)
    run(page, "kubectl apply -f -")
    pod = page.locator('[data-kind="pod"][data-name="web"]')
    expect(pod).to_have_attribute("data-status", "Running", timeout=30_000)
    assert page.locator(".dot").count() == 0
    context.close()
    assert errors == []


def test_the_hint_s_kubectl_run_starts_a_pod(page: Page, server: str):
    page.goto(server + "/")
    hint = page.locator("#console-log .hint")
    expect(hint).to_contain_text("kubectl run web --image=nginx")
    run(page, "kubectl run web --image=nginx")
    expect(page.locator("#console-log")).to_contain_text("pod/web created")
    page.get_by_label("Speed").select_option("20")
    pod = page.locator('[data-kind="pod"][data-name="web"]')
    expect(pod).to_have_attribute("data-status", "Running", timeout=30_000)
