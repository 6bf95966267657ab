// Preemption: when kube-scheduler evicts lower-priority pods to make room (a
// `schedule` event with `nominatedNode` and `victims`), each victim is marked
// "⚠ preempted by <pod>" until it leaves, and the preemptor waits in the
// queue with a dashed line to the node it was nominated to ("nominated →
// node-2") until it is bound and glides there. Words and a dashed outline say
// it, not colour alone.

import { center } from "./layout.js";
import { fit, label, setAttrs, setText, svg, textWidth } from "./svg.js";
import { fill, t } from "../words.js";


export function shortName(key) {
  return String(key).split("/").pop();
}

// The one-line story of a preemption, for the caption and the narration.
export function preemptionText(event) {
  const count = event.victims.length;
  const values = { count, node: event.nominatedNode, pod: shortName(event.pod) };
  return count === 1
    ? fill(t("preemptedOne", "kube-scheduler: preempted 1 lower-priority pod on {node} for {pod}"), values)
    : fill(t("preemptedMany", "kube-scheduler: preempted {count} lower-priority pods on {node} for {pod}"), values);
}

// Mark a pod chip as a victim; `by` is the preemptor's name (null when only
// the pod's DisruptionTarget condition says so, as after a reload).
export function markVictim(g, by) {
  if (g._preemptedBy !== undefined && (by === null || g._preemptedBy === by)) return;
  g._preemptedBy = by;
  g.classList.add("preempted");
  setAttrs(g, { "data-preempted-by": by || "" });
  if (!g._victim) {
    g._victim = svg("g", { class: "victim-flag" }, g);
    g._victimBox = svg("rect", { rx: 6, height: 16, y: -18, x: 2 }, g._victim);
    g._victimText = label(g._victim, { x: 8, y: -6 }, "");
  }
  const text = by
    ? `⚠ ${fill(t("preemptedBy", "preempted by {pod}"), { pod: fit(by, 120, 11) })}`
    : `⚠ ${t("preempted", "preempted")}`;
  setText(g._victimText, text);
  setAttrs(g._victimBox, { width: textWidth(g._victimText, text.length * 6.6) + 12 });
}

// The node a waiting pod is nominated to: its status, else the scheduler's
// last word on it in this page.
export function nominatedNode(pod, decision) {
  if (pod.node) return null;
  if (pod.nominated) return pod.nominated;
  return decision?.node === null ? decision.nominatedNode || null : null;
}

// A dashed line from each nominated pod still in the queue to its node, with
// "nominated → node" just above the node. `nominations` is [[pod uid, node name]].
export function drawNominations(layer, els, nominations, plan) {
  const live = new Set();
  for (const [uid, node] of nominations) {
    const from = plan.pods.get(uid);
    const to = plan.nodes.get(node);
    if (!from || !to) continue;
    live.add(uid);
    if (!els.has(uid)) els.set(uid, create(layer));
    update(els.get(uid), from, to, node);
  }
  for (const [uid, g] of els) {
    if (!live.has(uid)) {
      els.delete(uid);
      g.remove();
    }
  }
}

function create(layer) {
  const g = svg("g", { class: "nomination", "data-kind": "nomination" }, layer);
  g._line = svg("polyline", { class: "nomination-line", fill: "none" }, g);
  g._box = svg("rect", { class: "nomination-box", rx: 5, height: 16 }, g);
  g._text = label(g, { class: "nomination-text", "text-anchor": "middle" }, "");
  return g;
}

function update(g, from, to, node) {
  const a = { x: center(from).x, y: from.y + from.h };
  const b = { x: center(to).x, y: to.y };
  setAttrs(g._line, { points: `${a.x},${a.y} ${b.x},${b.y}` });
  const text = `${t("nominated", "nominated")} → ${node}`;
  // Just above the node, where the rows of Services end: the middle of the
  // line falls on whatever Service box is drawn between the queue and the node.
  const y = Math.max(b.y - 10, (a.y + b.y) / 2);
  const mid = { x: a.x + ((b.x - a.x) * (y - a.y)) / Math.max(b.y - a.y, 1), y };
  setAttrs(g, { "data-node": node });
  setText(g._text, text);
  const w = textWidth(g._text, text.length * 6.6) + 12;
  // On the side the line comes from, clear of the node's badges at its corner.
  const left = b.x >= a.x ? mid.x - w : mid.x;
  setAttrs(g._text, { x: left + w / 2, y: mid.y + 4 });
  setAttrs(g._box, { x: left, y: mid.y - 8, width: w });
}
