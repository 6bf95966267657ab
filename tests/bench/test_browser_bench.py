"""Benchmarks of the page in real headless Chromium; run with `make bench`.

They print numbers and assert nothing about time: first diagram drawn,
frames per second with 50 nodes and 1,000 pods changing, a console command's
first animated response, and how a delta's size follows the change rather than
the cluster.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import chromium, server  # noqa: F401 (fixtures)
from visual.front import fragments
from visual.simhost.journal import Journal
from visual.simhost.player import Player

pytestmark = pytest.mark.browser

FIRST_NODE = """
window.__firstNode = null;
new MutationObserver((_, obs) => {
  if (document.querySelector('[data-kind="node"]')) {
    window.__firstNode = performance.now();
    obs.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"""

# A cluster of `nodes` workers and `pods` pods, as a snapshot would carry it.
BIG_STATE = """
([nodes, pods]) => {
  const state = { time: 0, nodes: [], components: [], pods: [], services: [] };
  for (let n = 0; n < nodes; n++) {
    const name = `node-${n + 1}`;
    state.nodes.push({ kind: "Node", name, uid: `n${n}`, status: "Ready", roles: [],
      cpu: "4", memory: "16Gi", taints: [], unschedulable: false });
    for (const agent of ["kubelet", "kube-proxy", "containerd"]) {
      state.components.push(
        { id: `${agent}/${name}`, name: agent, node: name, status: "Running" });
    }
  }
  for (let p = 0; p < pods; p++) {
    state.pods.push({ kind: "Pod", namespace: "default", name: `app-${p}`, uid: `p${p}`,
      status: "Running", phase: "Running", node: `node-${(p % nodes) + 1}`,
      ip: `10.244.${p % 250}.${p % 200}`, ready: "1/1", restarts: 0, containers: [] });
  }
  return state;
}
"""

# Every 100 ms (the host's tick), a delta changes `per` pods; count frames.
FPS = """
async ([state, per, seconds]) => {
  const d = window.pilothouse.diagram;
  const t0 = performance.now();
  d.load(state);
  const loadMs = performance.now() - t0;
  let frames = 0, running = true, round = 0, slowest = 0, last = performance.now();
  const count = (now) => {
    frames++; slowest = Math.max(slowest, now - last); last = now;
    if (running) requestAnimationFrame(count);
  };
  requestAnimationFrame(count);
  const timer = setInterval(() => {
    round++;
    const events = [];
    for (let i = 0; i < per; i++) {
      const pod = state.pods[(round * per + i) % state.pods.length];
      const status = pod.status === "Running" ? "ContainerCreating" : "Running";
      pod.status = status;
      events.push({ type: "object", verb: "MODIFIED", kind: "Pod", view: { ...pod } });
    }
    d.apply(events);
  }, 100);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  running = false;
  clearInterval(timer);
  return { fps: frames / seconds, loadMs, slowest };
}
"""

RESPONSE = """
() => new Promise((resolve) => {
  const form = document.getElementById("console-form");
  const input = document.getElementById("console-line");
  input.value = "kubectl apply -f -";
  const t0 = performance.now();
  new MutationObserver((_, obs) => {
    if (document.querySelector('.dot, [data-kind="pod"][data-name="bench"]')) {
      obs.disconnect();
      resolve(performance.now() - t0);
    }
  }).observe(document.getElementById("diagram"), { childList: true, subtree: true });
  form.requestSubmit();
})
"""

POD = """\
apiVersion: v1
kind: Pod
metadata: {name: NAME}
spec:
  containers:
  - {name: app, image: nginx:1.27}
"""


def open_page(chromium: Browser, server: str, size=(1366, 768)) -> Page:  # noqa: F811
    page = chromium.new_page(viewport={"width": size[0], "height": size[1]})
    page.add_init_script(FIRST_NODE)
    page.goto(server + "/")
    expect(page.locator('[data-kind="node"]')).to_have_count(4)
    return page


def test_first_diagram_and_first_response(chromium, server, capsys):  # noqa: F811
    page = open_page(chromium, server)
    first = page.evaluate("window.__firstNode")
    page.locator("#stdin-editor").fill(POD.replace("NAME", "bench"))
    response = page.evaluate(RESPONSE)
    with capsys.disabled():
        print(f"\npage: first diagram drawn {first:.0f} ms after navigation start")
        print(f"page: first animated response to a console command {response:.0f} ms")
    page.close()


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)], ids=["1080p", "768p"])
def test_frames_per_second_with_50_nodes_and_1000_pods(
    chromium,  # noqa: F811
    server,  # noqa: F811
    capsys,
    size,
):
    page = open_page(chromium, server, size)
    page.locator("#ctl-pause").click()
    state = page.evaluate(BIG_STATE, [50, 1000])
    result = page.evaluate(FPS, [state, 100, 4])
    with capsys.disabled():
        print(
            f"\npage {size[0]}x{size[1]}: 50 nodes, 1000 pods, 100 pods changing "
            f"every 100 ms: {result['fps']:.1f} frames/s (slowest frame "
            f"{result['slowest']:.0f} ms); drawing the snapshot took "
            f"{result['loadMs']:.0f} ms"
        )
    page.close()


def test_delta_size_follows_the_change_not_the_cluster(capsys):
    sizes = []
    for existing in (0, 60):
        player = Player(Journal(seed=1), stream="b")
        for i in range(existing):
            player.execute("kubectl apply -f -", POD.replace("NAME", f"p{i}"))
        player.control("speed", 20.0)
        for _ in range(100):
            player.advance(0.5)
        delta = player.execute("kubectl label node node-1 bench=yes")
        sizes.append(len(json.dumps(fragments.delta_frame("b", delta))))
    with capsys.disabled():
        print(
            f"\nwire: labelling one node is a {sizes[0]} byte delta with 0 pods, "
            f"{sizes[1]} bytes with 60 pods"
        )
