// Node boxes: one <g> per node, keyed by uid, created once and updated in place.

import { isControlPlane } from "./layout.js";
import { fadeIn, fadeOut, place } from "./motion.js";
import { estimateWidth, fit, label, setAttrs, setText, svg } from "./svg.js";
import { t } from "../words.js";

const BINARY = [["Ti", 1024 ** 4], ["Gi", 1024 ** 3], ["Mi", 1024 ** 2], ["Ki", 1024]];

// "4194304Ki" reads better as "4Gi": the largest binary unit that divides it.
export function humanBytes(quantity) {
  const match = /^(\d+)(Ki|Mi|Gi|Ti)?$/.exec(String(quantity));
  if (!match) return String(quantity);
  const bytes = Number(match[1]) * (Object.fromEntries(BINARY)[match[2]] || 1);
  const [unit, size] = BINARY.find(([, s]) => bytes % s === 0) || ["", 1];
  return `${bytes / size}${unit}`;
}

const MARK = { Ready: "✓", NotReady: "⚠", Unknown: "?" };

function details(node) {
  const parts = [`${MARK[node.status.split(",")[0]] || "•"} ${node.status}`];
  if (node.unschedulable) parts.push("SchedulingDisabled");
  if (node.cpu) parts.push(`${node.cpu} CPU`);
  if (node.memory) parts.push(humanBytes(node.memory));
  return parts.join(" · ");
}

function taints(node) {
  const list = (node.taints || []).map((x) => `${x.key}${x.value ? `=${x.value}` : ""}:${x.effect}`);
  return list.length ? `${t("taints", "taints")}: ${list.join(", ")}` : "";
}

// Measured once per name: measuring forces a layout, too slow for every frame.
function nameWidth(el, name) {
  if (el._measured?.name === name) return el._measured.width;
  let width = name.length * 8.2;
  try {
    width = el.getComputedTextLength() || width;
  } catch {
    // not rendered yet: keep the estimate
  }
  if (el.isConnected && width) el._measured = { name, width };
  return width;
}

function create(layer, node) {
  const g = svg("g", { class: "node", "data-kind": "node", "data-uid": node.uid }, layer);
  g._title = svg("title", {}, g);
  g._box = svg("rect", { class: "node-box", rx: 12 }, g);
  g._led = svg("circle", { class: "led", r: 5, cx: 16, cy: 16 }, g);
  g._name = label(g, { class: "node-name", x: 28, y: 21 }, node.name);
  g._meta = label(g, { class: "node-meta", y: 21 }, "");
  g._taints = label(g, { class: "node-taints", x: 16, y: 34 }, "");
  g._badge = svg("g", { class: "node-badge", visibility: "hidden" }, g);
  g._badgeBox = svg("rect", { rx: 9, height: 18, y: -9 }, g._badge);
  g._badgeText = label(g._badge, { y: 4, "text-anchor": "middle" }, "");
  fadeIn(g);
  return g;
}

function update(g, node, box) {
  const role = isControlPlane(node) ? "control-plane" : "worker";
  setAttrs(g, { "data-name": node.name, "data-status": node.status, "data-role": role });
  g.classList.toggle("cordoned", Boolean(node.unschedulable));
  g.classList.toggle("down", !String(node.status).startsWith("Ready"));
  setAttrs(g, { "data-taints": (node.taints || []).map((x) => `${x.key}:${x.effect}`).join(" ") || null });
  setAttrs(g._box, { width: box.w, height: box.h });
  const name = role === "control-plane" ? `${node.name} · ${t("controlPlane", "control plane")}` : node.name;
  setText(g._name, name);
  const nameW = nameWidth(g._name, name);
  setAttrs(g._meta, { x: 38 + nameW });
  setText(g._meta, fit(details(node), box.w - 60 - nameW, 11));
  setText(g._taints, fit(taints(node), box.w - 28, 10));
  g._width = box.w;
  setText(g._title, `${node.name}: ${details(node)} ${taints(node)}`);
  setAttrs(g, { "aria-label": `${t("node", "node")} ${node.name}: ${details(node)} ${taints(node)}` });
  place(g, box.x, box.y, false);
}

export function drawNodes(layer, els, nodes, boxes) {
  const live = new Set();
  for (const node of nodes) {
    const box = boxes.get(node.name);
    if (!box) continue;
    live.add(node.uid);
    if (!els.has(node.uid)) els.set(node.uid, create(layer, node));
    update(els.get(node.uid), node, box);
  }
  for (const [uid, g] of els) {
    if (!live.has(uid)) {
      els.delete(uid);
      fadeOut(g);
    }
  }
}

// A tag on the node's top edge for a moment: the scheduler's verdict on it.
export function badge(g, text, className, ms = 2600) {
  setText(g._badgeText, text);
  const w = estimateWidth(text, 11.3) + 16;
  setAttrs(g._badgeBox, { width: w, x: -w / 2 });
  setAttrs(g._badge, { class: `node-badge ${className}`, visibility: "visible" });
  g._badge.style.transform = `translate(${g._width - w / 2 - 12}px, 0px)`;
  clearTimeout(g._badgeTimer);
  g._badgeTimer = setTimeout(() => g._badge.setAttribute("visibility", "hidden"), ms);
}
