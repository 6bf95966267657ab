"""Preemption in real headless Chromium: the victim is marked "preempted by"
its preemptor and leaves, the preemptor waits nominated to that node, then
lands on it; the caption and the narration say it in one line."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import open_cluster, pod, run

pytestmark = pytest.mark.browser

PRIORITY_CLASS = """\
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high-prio
value: 1000
"""

# Three workers of 2 CPUs; one 1.5-CPU filler each leaves no room for another.
FILLER = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: filler
spec:
  replicas: 3
  selector:
    matchLabels: {app: filler}
  template:
    metadata:
      labels: {app: filler}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        resources: {requests: {cpu: 1500m}}
"""

URGENT = """\
apiVersion: v1
kind: Pod
metadata:
  name: urgent
spec:
  priorityClassName: high-prio
  containers:
  - name: app
    image: nginx:1.27
    resources: {requests: {cpu: 1500m}}
"""


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_a_victim_is_marked_and_leaves_and_the_preemptor_lands(
    page: Page, server: str, motion: str
):
    page.emulate_media(reduced_motion=motion)
    open_cluster(page, server)
    run(page, "kubectl apply -f -", PRIORITY_CLASS)
    run(page, "kubectl apply -f -", FILLER)
    fillers = page.locator('[data-kind="pod"][data-name^="filler-"]')
    running = fillers.and_(page.locator('[data-status="Running"]'))
    expect(running).to_have_count(3, timeout=30_000)
    # Paused, the victim stays Terminating: the marks can be read at leisure.
    page.locator("#ctl-pause").click()
    expect(page.locator("#ctl-pause")).to_have_attribute("aria-pressed", "true")
    run(page, "kubectl apply -f -", URGENT)

    victim = page.locator('[data-kind="pod"][data-preempted-by="urgent"]')
    expect(victim).to_have_count(1, timeout=10_000)
    expect(victim).to_contain_text("preempted by urgent")
    name = victim.get_attribute("data-name")
    node = victim.get_attribute("data-node")
    assert name and name.startswith("filler-") and node

    urgent = pod(page, "urgent")
    expect(urgent).to_have_attribute("data-nominated", node)
    nomination = page.locator('[data-kind="nomination"]')
    expect(nomination).to_have_attribute("data-node", node)
    expect(nomination).to_contain_text(f"nominated → {node}")
    line = f"kube-scheduler: preempted 1 lower-priority pod on {node} for urgent"
    expect(page.locator("#caption")).to_have_text(line)
    expect(page.locator("#narration")).to_contain_text(line)

    page.locator("#ctl-play").click()
    expect(pod(page, name)).to_have_count(0, timeout=20_000)
    expect(urgent).to_have_attribute("data-status", "Running", timeout=20_000)
    expect(urgent).to_have_attribute("data-node", node)
    expect(urgent).not_to_have_attribute("data-nominated", re.compile("."))
    expect(nomination).to_have_count(0)
