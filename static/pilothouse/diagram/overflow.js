// "+N more" chips for nodes with more pods than fit: a count by status, so a
// crowded node still says what its hidden pods are doing.

import { fit, label, setAttrs, setText, svg } from "./svg.js";
import { t } from "../words.js";

function tally(pods) {
  const by = new Map();
  for (const p of pods) by.set(p.status, (by.get(p.status) || 0) + 1);
  return [...by].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${n} ${s}`).join(", ");
}

export function drawOverflow(layer, els, more) {
  for (const [node, g] of els) if (!more.has(node)) { g.remove(); els.delete(node); }
  for (const [node, slot] of more) {
    if (!els.has(node)) {
      const g = svg("g", { class: "pod more", "data-kind": "pod-group", "data-node": node }, layer);
      g._chip = svg("rect", { class: "pod-chip", rx: 7 }, g);
      g._name = label(g, { class: "pod-name", x: 10, y: 14 }, "");
      g._status = label(g, { class: "pod-status", x: 10, y: 27 }, "");
      g._title = svg("title", {}, g);
      els.set(node, g);
    }
    const g = els.get(node);
    const summary = tally(slot.pods);
    setAttrs(g._chip, { width: slot.w, height: slot.h });
    setAttrs(g, { "data-count": slot.pods.length });
    setText(g._name, `+${slot.pods.length} ${t("morePods", "more pods")}`);
    setText(g._status, fit(summary, slot.w - 16, 10));
    setText(g._title, `${slot.pods.length} ${t("morePods", "more pods")} on ${node}: ${summary}`);
    g.style.transform = `translate(${slot.x}px, ${slot.y}px)`;
  }
}
