// Pods: one chip per pod uid. A new pod fades in where it is (Pending pods wait
// in the unscheduled lane); when it is bound it glides onto its node. Each chip
// says its status in words and icons, not colour alone: READY count, restarts
// (↻), the last exit reason, failing probes as ticks against their threshold
// (liveness ✕✕·), a ring counting down a CrashLoopBackOff, and, for
// preemption, "⚠ preempted by <pod>" on a victim until it leaves and "⇢ node"
// on a preemptor nominated to a node.

import { backoffOf, lastExit, remaining } from "./backoff.js";
import { POD } from "./layout.js";
import { fadeIn, fadeOut, flag, leave, place } from "./motion.js";
import { markVictim } from "./preemption.js";
import { fit, label, setAttrs, setText, svg, textWidth } from "./svg.js";
import { fill, t } from "../words.js";

const RING_R = 9;
const RING_LEN = 2 * Math.PI * RING_R;

const ICONS = {
  Running: "●", Pending: "◌", ContainerCreating: "◔", Completed: "✓", Succeeded: "✓",
  Terminating: "◍", CrashLoopBackOff: "⟳", Error: "✕", OOMKilled: "✕", Unknown: "?",
};

function create(layer, pod, slot) {
  const g = svg("g", { class: "pod", "data-kind": "pod", "data-uid": pod.uid, tabindex: 0, role: "button" }, layer);
  g._title = svg("title", {}, g);
  g._chip = svg("rect", { class: "pod-chip", rx: 7, width: slot.w, height: slot.h }, g);
  g._bar = svg("rect", { class: "pod-bar", rx: 2, x: 5, y: 6, width: 4, height: slot.h - 12 }, g);
  g._name = label(g, { class: "pod-name", x: 16, y: 14 }, "");
  g._status = label(g, { class: "pod-status", x: 16, y: 27 }, "");
  g._restarts = label(g, { class: "pod-restarts", x: 16, y: 39 }, "");
  g._ring = svg("g", { class: "backoff", visibility: "hidden", transform: `translate(${slot.w - 14} ${slot.h / 2})` }, g);
  svg("circle", { class: "ring-track", r: RING_R }, g._ring);
  g._arc = svg("circle", { class: "ring-arc", r: RING_R, "stroke-dasharray": RING_LEN, transform: "rotate(-90)" }, g._ring);
  g._left = label(g._ring, { class: "ring-text", y: 3, "text-anchor": "middle" }, "");
  g._flash = svg("g", { class: "exit-flash", visibility: "hidden" }, g);
  g._flashBox = svg("rect", { rx: 6, height: 16, y: -18, x: 4 }, g._flash);
  g._flashText = label(g._flash, { x: 10, y: -6 }, "");
  g._seen = { restarts: pod.restarts || 0, exitAt: lastExit(pod)?.at ?? null };
  place(g, slot.x, slot.y, false);
  fadeIn(g);
  return g;
}

// The drawn width of a text element; `guess` when it is not laid out yet.
export function statusWord(status) {
  return `${ICONS[status] || "•"} ${status}`;
}

function statusLine(pod) {
  const parts = [statusWord(pod.status)];
  if (pod.ready && pod.node) parts.push(pod.ready);
  return parts.join(" · ");
}

// "liveness ✕✕·": a probe's failures in a row against its failureThreshold.
function probeTicks(probe, state) {
  const shown = Math.min(state.threshold, 10);
  const failed = Math.min(state.failures, shown);
  return `${probe} ${"✕".repeat(failed)}${"·".repeat(shown - failed)}`;
}

// "liveness ✕✕· · ↻2 · Error": failing probes, restarts and the last exit
// reason, when there are any.
function restartLine(pod, exit, probes) {
  const parts = [...(probes || new Map())].map(([probe, state]) => probeTicks(probe, state));
  if (!pod.node && pod.nominated) parts.unshift(`⇢ ${pod.nominated}`);
  if (pod.restarts) parts.push(`↻${pod.restarts}`);
  if (exit) parts.push(`${t("lastExit", "last exit")} ${exit.reason}`);
  return parts.join(" · ");
}

export function podSummary(pod) {
  let where = pod.node ? fill(t("podOn", "on {node}"), pod) : t("podNotScheduled", "not scheduled yet");
  if (!pod.node && pod.nominated) where += `, ${t("nominated", "nominated")} → ${pod.nominated}`;
  const ready = pod.ready ? `, ${t("ready", "ready")} ${pod.ready}` : "";
  const restarts = pod.restarts ? `, ${t("restarts", "restarts")} ${pod.restarts}` : "";
  return `${t("pod", "pod")} ${pod.namespace}/${pod.name}: ${pod.status}${ready}${restarts}, ${where}`;
}

function update(g, pod, slot, now) {
  const exit = lastExit(pod);
  setAttrs(g, {
    "data-name": pod.name,
    "data-namespace": pod.namespace,
    "data-status": pod.status,
    "data-node": pod.node || null,
    "data-ready": pod.ready || null,
    "data-restarts": pod.restarts || 0,
    "data-last-exit": exit?.reason || null,
    "data-nominated": (!pod.node && pod.nominated) || null,
    "aria-label": podSummary(pod),
  });
  if (pod.preempted) markVictim(g, null);
  setText(g._name, fit(pod.name, slot.w - 46, 12));
  setText(g._status, fit(statusLine(pod), slot.w - 40, 10));
  g._pod = pod;
  drawRestarts(g, exit);
  setText(g._title, `${podSummary(pod)}${pod.ip ? `, IP ${pod.ip}` : ""}`);
  noticeRestart(g, pod, exit);
  g._backoff = backoffOf(pod) || g._held || null;
  tickRing(g, now);
  place(g, slot.x, slot.y, true);
}

function drawRestarts(g, exit) {
  setText(g._restarts, fit(restartLine(g._pod, exit, g._probes), POD.w - 40, 10));
  const ticks = [...(g._probes || new Map())].map(([probe, state]) => probeTicks(probe, state));
  setAttrs(g, { "data-probes": ticks.length ? ticks.join(", ") : null });
}

// A `probe` event: a failure adds a tick against the threshold; a success
// after failures clears them.
export function showProbe(g, event) {
  g._probes = g._probes || new Map();
  if (event.ok) g._probes.delete(event.probe);
  else g._probes.set(event.probe, { failures: event.failures, threshold: event.threshold });
  if (g._pod) drawRestarts(g, lastExit(g._pod));
}

// A new termination flashes its reason; a higher restart count ticks.
function noticeRestart(g, pod, exit) {
  if (exit && exit.at !== g._seen.exitAt) {
    g._seen.exitAt = exit.at;
    const text = `✕ ${exit.reason}${exit.exitCode != null ? ` (${t("exit", "exit")} ${exit.exitCode})` : ""}`;
    setText(g._flashText, text);
    setAttrs(g._flashBox, { width: textWidth(g._flashText, text.length * 6.4) + 12 });
    g._flash.setAttribute("visibility", "visible");
    flag(g, "crashed", 2400);
    clearTimeout(g._flashTimer);
    g._flashTimer = setTimeout(() => g._flash.setAttribute("visibility", "hidden"), 2400);
  }
  if ((pod.restarts || 0) > g._seen.restarts) flag(g, "restarted", 1200);
  g._seen.restarts = pod.restarts || 0;
}

// Redraw a pod's back-off ring for simulated time `now`.
export function tickRing(g, now) {
  const b = g._backoff;
  const left = b && now !== undefined ? remaining(b, now) : 0;
  if (!b || left <= 0) {
    setAttrs(g._ring, { visibility: "hidden" });
    setAttrs(g, { "data-backoff": null });
    return;
  }
  const seconds = Math.ceil(b.until - now);
  setAttrs(g._ring, { visibility: "visible" });
  setAttrs(g._arc, { "stroke-dashoffset": RING_LEN * (1 - left) });
  setText(g._left, `${seconds}`);
  setAttrs(g, { "data-backoff": `${seconds}/${b.delay}` });
}

export function drawPods(layer, els, pods, slots, now) {
  const live = new Set();
  for (const pod of pods) {
    live.add(pod.uid);
    const slot = slots.get(pod.uid);
    if (!els.has(pod.uid)) {
      if (!slot) continue;
      els.set(pod.uid, create(layer, pod, slot));
    }
    const g = els.get(pod.uid);
    g.toggleAttribute("hidden", !slot); // folded into its node's "+N more"
    if (slot) update(g, pod, slot, now);
  }
  for (const [uid, g] of els) {
    if (!live.has(uid)) {
      els.delete(uid);
      g.setAttribute("data-status", "Deleted");
      // A victim of preemption leaves slowly enough to be seen going.
      if (g._preemptedBy !== undefined) leave(g);
      else fadeOut(g);
    }
  }
}
