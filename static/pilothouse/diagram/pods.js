// Pods: one chip per pod uid. A new pod fades in where it is (Pending pods wait
// in the unscheduled lane); when it is bound it glides onto its node.

import { fadeIn, fadeOut, place } from "./motion.js";
import { fit, label, setAttrs, setText, svg } from "./svg.js";

function create(layer, pod, slot) {
  const g = svg("g", { class: "pod", "data-kind": "pod", "data-uid": pod.uid }, layer);
  g._title = svg("title", {}, g);
  g._chip = svg("rect", { class: "pod-chip", rx: 7, width: slot.w, height: slot.h }, g);
  g._bar = svg("rect", { class: "pod-bar", rx: 2, x: 5, y: 6, width: 4, height: slot.h - 12 }, g);
  g._name = label(g, { class: "pod-name", x: 16, y: 14 }, "");
  g._status = label(g, { class: "pod-status", x: 16, y: 27 }, "");
  place(g, slot.x, slot.y, false);
  fadeIn(g);
  return g;
}

function statusLine(pod) {
  const parts = [pod.status];
  if (pod.ready && pod.status === "Running") parts.push(pod.ready);
  if (pod.restarts) parts.push(`↻${pod.restarts}`);
  return parts.join(" · ");
}

function update(g, pod, slot) {
  setAttrs(g, {
    "data-name": pod.name,
    "data-namespace": pod.namespace,
    "data-status": pod.status,
    "data-node": pod.node || null,
  });
  setText(g._name, fit(pod.name, slot.w - 22, 12));
  setText(g._status, fit(statusLine(pod), slot.w - 22, 10));
  const where = pod.node ? `on ${pod.node}` : "not scheduled yet";
  setText(g._title, `pod ${pod.namespace}/${pod.name}: ${pod.status}, ${where}${pod.ip ? `, IP ${pod.ip}` : ""}`);
  place(g, slot.x, slot.y, true);
}

export function drawPods(layer, els, pods, slots) {
  const live = new Set();
  for (const pod of pods) {
    const slot = slots.get(pod.uid);
    if (!slot) continue;
    live.add(pod.uid);
    if (!els.has(pod.uid)) els.set(pod.uid, create(layer, pod, slot));
    update(els.get(pod.uid), pod, slot);
  }
  for (const [uid, g] of els) {
    if (!live.has(uid)) {
      els.delete(uid);
      g.setAttribute("data-status", "Deleted");
      fadeOut(g);
    }
  }
}
