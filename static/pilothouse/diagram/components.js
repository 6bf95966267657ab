// Control-plane and node components: API server, etcd, scheduler, controller
// manager; kubelet, kube-proxy and the container runtime on every node.

import { fit, label, setAttrs, setText, svg } from "./svg.js";
import { t } from "../words.js";

const ROLES = t("roles", {
  "kube-apiserver": "API server",
  etcd: "cluster store",
  "kube-scheduler": "scheduler",
  "kube-controller-manager": "controller manager",
  kubelet: "node agent",
  "kube-proxy": "service proxy",
  containerd: "container runtime",
});

function create(layer, comp) {
  const g = svg("g", { class: "component", "data-kind": "component", "data-id": comp.id }, layer);
  g._title = svg("title", {}, g);
  g._box = svg("rect", { class: "comp-box", rx: 8 }, g);
  g._name = label(g, { class: "comp-name", "text-anchor": "middle" }, "");
  g._role = label(g, { class: "comp-role", "text-anchor": "middle" }, "");
  return g;
}

function update(g, comp, box) {
  setAttrs(g, { "data-name": comp.name, "data-node": comp.node, "data-status": comp.status });
  setAttrs(g._box, { width: box.w, height: box.h });
  const tall = box.h >= 40;
  setAttrs(g._name, { x: box.w / 2, y: tall ? 20 : box.h / 2 + 4 });
  setText(g._name, fit(comp.name, box.w - 10, 12));
  setAttrs(g._role, { x: box.w / 2, y: 35, visibility: tall ? "visible" : "hidden" });
  setText(g._role, ROLES[comp.name] || "");
  setText(g._title, `${comp.name} on ${comp.node}: ${comp.status} — ${ROLES[comp.name] || ""}`);
  g.style.transform = `translate(${box.x}px, ${box.y}px)`;
}

export function drawComponents(layer, els, components, boxes) {
  const live = new Set();
  for (const comp of components) {
    const box = boxes.get(comp.id);
    if (!box) continue;
    live.add(comp.id);
    if (!els.has(comp.id)) els.set(comp.id, create(layer, comp));
    update(els.get(comp.id), comp, box);
  }
  for (const [id, g] of els) {
    if (!live.has(id)) {
      els.delete(id);
      g.remove();
    }
  }
}
