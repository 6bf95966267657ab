"""Each view of the diagram in real headless Chromium: scheduling, the queue,
restarts, a node going down, routing, and the pod details ("why here?")."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import open_cluster, pod, run, running

pytestmark = pytest.mark.browser

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
"""

NOWHERE = """\
apiVersion: v1
kind: Pod
metadata:
  name: picky
spec:
  nodeSelector: {disktype: ssd}
  containers:
  - name: app
    image: nginx:1.27
"""

SINGLE = """\
apiVersion: v1
kind: Pod
metadata:
  name: crashy
spec:
  containers:
  - name: app
    image: nginx:1.27
"""


def step_until(page: Page, locator, status: str, steps: int = 400) -> None:
    """Step simulated time an instant at a time until ``locator`` shows ``status``."""
    step = page.locator("#ctl-step")
    for _ in range(steps):
        if locator.get_attribute("data-status") == status:
            return
        step.click()
        page.wait_for_timeout(15)
    expect(locator).to_have_attribute("data-status", status)


def web_pods(page: Page):
    return page.locator('[data-kind="pod"][data-name^="web-"]')


def test_a_deployment_s_pods_move_from_the_queue_onto_nodes(page: Page, server: str):
    open_cluster(page, server)
    run(page, "kubectl apply -f -", DEPLOYMENT)
    expect(running(page, "web-")).to_have_count(3, timeout=30_000)
    for i in range(3):
        assert (web_pods(page).nth(i).get_attribute("data-node") or "").startswith(
            "node-"
        )
    expect(page.locator("#narration")).to_contain_text("The scheduler chose")

    web_pods(page).first.focus()
    page.keyboard.press("Enter")
    details = page.get_by_role("complementary", name=re.compile("web-"))
    expect(details).to_be_visible()
    expect(details).to_contain_text("Why here?")
    chosen = web_pods(page).first.get_attribute("data-node")
    expect(details.locator(".verdict")).to_have_text(f"✓ Winner: {chosen}")
    # The control-plane node is filtered out by its taint, with the reason.
    expect(details.locator('tr.filtered[data-node="cp-1"]')).to_contain_text(
        "TaintToleration"
    )
    expect(details.locator("tr.winner .bar-row").first).to_contain_text("×")
    page.keyboard.press("Escape")
    expect(details).to_be_hidden()
    expect(web_pods(page).first).to_be_focused()


def test_an_unschedulable_pod_waits_in_the_queue_with_its_reason(
    page: Page, server: str
):
    open_cluster(page, server)
    run(page, "kubectl apply -f -", NOWHERE)
    picky = pod(page, "picky")
    expect(picky).to_have_attribute(
        "data-reason", re.compile("0/4 nodes are available"), timeout=20_000
    )
    expect(picky).to_have_attribute("data-status", "Pending")
    assert picky.get_attribute("data-node") is None
    lane = page.locator('[data-kind="queue"]')
    expect(lane).to_contain_text("FailedScheduling picky")
    picky.click()
    expect(page.locator("#details .verdict")).to_contain_text("FailedScheduling")


def test_a_crashing_container_shows_its_exit_and_restart_count(page: Page, server: str):
    open_cluster(page, server)
    run(page, "kubectl apply -f -", SINGLE)
    crashy = pod(page, "crashy")
    expect(crashy).to_have_attribute("data-status", "Running", timeout=30_000)
    run(page, "sim crash pod/crashy")
    expect(crashy).to_have_attribute("data-last-exit", "Error", timeout=10_000)
    expect(crashy).to_have_attribute("data-restarts", "1", timeout=20_000)
    expect(crashy.locator(".pod-restarts")).to_contain_text("↻1")
    # A second crash soon after: the kubelet holds the restart back, and the
    # ring counts the back-off down.
    page.locator("#ctl-pause").click()
    run(page, "sim crash pod/crashy")
    step_until(page, crashy, "CrashLoopBackOff")
    message = page.evaluate(
        "() => [...pilothouse.diagram.model.pods.values()]"
        ".find(p => p.name === 'crashy').containers[0].message"
    )
    assert re.match(r"back-off \d+s restarting failed container=app", message)
    # The ring counts from the last termination. The kubelet reports the
    # back-off only at its next sync, often when the delay has nearly run out,
    # so look at the ring as it was halfway through.
    page.evaluate(
        "() => { const g = [...pilothouse.diagram.els.pods.values()]"
        ".find(g => g.dataset.name === 'crashy');"
        " pilothouse.diagram.tick(g._backoff.until - g._backoff.delay / 2); }"
    )
    expect(crashy).to_have_attribute(
        "data-backoff", re.compile(r"^(5|10|20)/(10|20|40)$")
    )
    expect(crashy.locator(".backoff")).to_have_attribute("visibility", "visible")


def test_a_node_that_goes_down_greys_out_and_its_pods_move(page: Page, server: str):
    open_cluster(page, server, speed="50")
    run(page, "kubectl apply -f -", DEPLOYMENT)
    expect(running(page, "web-")).to_have_count(3, timeout=30_000)
    victim = web_pods(page).first.get_attribute("data-node")
    run(page, f"sim node-down {victim}")
    node = page.locator(f'[data-kind="node"][data-name="{victim}"]')
    expect(node).to_have_attribute("data-status", "NotReady", timeout=20_000)
    expect(node).to_have_class(re.compile(r"\bdown\b"))
    expect(node).to_have_attribute("data-taints", re.compile("unreachable"))
    expect(node.locator(".node-taints")).to_contain_text("unreachable")
    # After the 300 s toleration its pod is evicted and replaced elsewhere.
    on_victim = page.locator(
        f'[data-kind="pod"][data-name^="web-"][data-node="{victim}"]'
        ':not([data-status="Terminating"])'
    )
    expect(on_victim).to_have_count(0, timeout=40_000)
    elsewhere = page.locator(
        f'[data-kind="pod"][data-name^="web-"][data-status="Running"]'
        f':not([data-node="{victim}"])'
    )
    expect(elsewhere).to_have_count(3, timeout=30_000)


def test_traffic_is_drawn_and_counted_per_endpoint(page: Page, server: str):
    open_cluster(page, server)
    run(page, "kubectl apply -f -", DEPLOYMENT)
    expect(running(page, "web-")).to_have_count(3, timeout=30_000)
    run(page, "kubectl expose deployment web --port=80")
    service = page.locator('[data-kind="service"][data-name="web"]')
    expect(service).to_have_attribute("data-cluster-ip", re.compile(r"^10\.96\."))
    expect(service.locator(".svc-ep")).to_have_count(3, timeout=10_000)
    target = web_pods(page).first
    ip = page.evaluate(
        "name => [...pilothouse.diagram.model.pods.values()]"
        ".find(p => p.name === name).ip",
        target.get_attribute("data-name"),
    )
    # The engine's `traffic` events (kube-proxy routing) drawn as they arrive.
    event = {
        "type": "traffic", "service": "default/web", "source": {"node": "node-1"},
        "node": "node-1", "via": "kube-proxy/node-1", "endpoint": ip,
        "pod": target.get_attribute("data-name"),
        "target_node": target.get_attribute("data-node"), "ok": True,
        "mode": "iptables",
    }  # fmt: skip
    page.evaluate(
        "events => pilothouse.diagram.apply(events)",
        json.loads(json.dumps([event] * 3)),
    )
    expect(service.locator(f'.svc-ep[data-ip="{ip}"]')).to_contain_text("⇢ 3")
    expect(page.locator("#narration")).to_contain_text("kube-proxy on node-1")


def test_sim_traffic_is_counted_per_endpoint(page: Page, server: str):
    open_cluster(page, server)
    run(page, "kubectl apply -f -", DEPLOYMENT)
    expect(running(page, "web-")).to_have_count(3, timeout=30_000)
    run(page, "kubectl expose deployment web --port=80")
    service = page.locator('[data-kind="service"][data-name="web"]')
    expect(service.locator(".svc-ep")).to_have_count(3, timeout=10_000)
    run(page, "sim traffic svc/web --rps 5 --for 4s --from node/node-1")
    expect(service.locator(".svc-ep", has_text="⇢")).not_to_have_count(
        0, timeout=20_000
    )
    expect(page.locator("#narration")).to_contain_text("kube-proxy on node-1")


def test_the_diagram_zooms_from_the_keyboard_and_the_buttons(page: Page, server: str):
    open_cluster(page, server)
    diagram = page.locator("#diagram")
    whole = diagram.get_attribute("viewBox")
    diagram.focus()
    page.keyboard.press("+")
    expect(diagram).to_have_attribute("data-zoom", "1.40")
    page.keyboard.press("ArrowRight")
    assert diagram.get_attribute("viewBox") != whole
    page.get_by_role("button", name="Fit").click()
    expect(diagram).to_have_attribute("viewBox", whole)
    page.get_by_role("button", name="Zoom in").click()
    expect(diagram).to_have_attribute("data-zoom", "1.40")


def test_a_service_expands_to_kube_proxys_probabilities(page: Page, server: str):
    open_cluster(page, server)
    run(page, "kubectl apply -f -", DEPLOYMENT.replace("replicas: 3", "replicas: 2"))
    expect(running(page, "web-")).to_have_count(2, timeout=30_000)
    run(page, "kubectl expose deployment web --port=80")
    service = page.locator('[data-kind="service"][data-name="web"]')
    expect(service.locator(".svc-ep")).to_have_count(2, timeout=10_000)
    balancing = service.locator(".svc-lb")
    expect(balancing).to_be_hidden()
    service.locator(".svc-name").click()
    expect(service).to_have_attribute("aria-expanded", "true")
    expect(balancing).to_be_visible()
    expect(balancing).to_contain_text("KUBE-SVC-")
    expect(balancing).to_contain_text("p=0.5000")
    expect(balancing).to_contain_text("rest")
    expect(balancing).to_contain_text("(kube-proxy @ node-1)")
    # Live counts per rule, inside the block, as `sim traffic` goes through.
    rules = balancing.locator(".svc-lb-line[data-address]")
    expect(rules).to_have_count(2)
    run(page, "sim traffic svc/web --rps 5 --for 4s --from node/node-1")
    expect(rules.filter(has_text="←")).to_have_count(2, timeout=20_000)
    page.wait_for_function(  # all 20 requests (5/s for 4s) counted
        """() => [...document.querySelectorAll(
            '[data-kind="service"][data-name="web"] .svc-lb-line[data-count]')]
            .reduce((sum, e) => sum + Number(e.dataset.count), 0) === 20""",
        timeout=20_000,
    )
    counts = [
        int(n) for n in rules.evaluate_all("els => els.map(e => e.dataset.count)")
    ]
    ips = rules.evaluate_all("els => els.map(e => e.dataset.address.split(':')[0])")
    for ip, n in zip(ips, counts, strict=True):
        endpoint = service.locator(f'.svc-ep[data-ip="{ip}"]')
        expect(endpoint).to_contain_text(f"⇢ {n}")
    box = service.locator(".service-box").bounding_box()
    for line in rules.all():
        assert line.bounding_box()["width"] <= box["width"]
    service.focus()
    page.keyboard.press("Enter")
    expect(service).to_have_attribute("aria-expanded", "false")
    expect(balancing).to_be_hidden()


def test_failing_probes_show_as_ticks_against_their_threshold(page: Page, server: str):
    open_cluster(page, server)
    run(page, "kubectl apply -f -", SINGLE)
    chip = pod(page, "crashy")
    expect(chip).to_have_attribute("data-status", "Running", timeout=30_000)
    uid = chip.get_attribute("data-uid")
    event = {
        "type": "probe", "pod": "default/crashy", "uid": uid, "container": "app",
        "probe": "liveness", "ok": False, "failures": 2, "threshold": 3,
    }  # fmt: skip
    page.evaluate("events => pilothouse.diagram.apply(events)", [event])
    expect(chip).to_have_attribute("data-probes", "liveness ✕✕·")
    expect(chip.locator(".pod-restarts")).to_contain_text("liveness ✕✕·")
    page.evaluate(
        "events => pilothouse.diagram.apply(events)",
        [{**event, "ok": True, "failures": 0}],
    )
    expect(chip).not_to_have_attribute("data-probes", re.compile("."))
