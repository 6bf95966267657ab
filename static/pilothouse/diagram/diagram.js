// The cluster diagram: holds the latest view of every object and keeps one SVG
// element per object in step with it. Fed by snapshots and deltas (app.js).

import { drawComponents } from "./components.js";
import { layout } from "./layout.js";
import { setCaption, showMessages } from "./messages.js";
import { flag } from "./motion.js";
import { badge, drawNodes } from "./nodes.js";
import { drawPods } from "./pods.js";
import { fit, label, setAttrs, svg } from "./svg.js";
import { t } from "../words.js";

export class Diagram {
  constructor(root, caption) {
    this.root = root;
    this.caption = caption;
    this.model = { nodes: new Map(), components: new Map(), pods: new Map() };
    this.els = { nodes: new Map(), components: new Map(), pods: new Map() };
    this.layers = {};
    for (const name of ["frames", "nodes", "components", "pods", "dots"]) {
      this.layers[name] = svg("g", { class: `layer-${name}` }, root);
    }
    this.boxes = new Map();
    this.drawFrames();
  }

  // Replace everything with a snapshot; elements of objects that remain stay.
  load(state) {
    this.model.nodes = new Map(state.nodes.map((n) => [n.uid, n]));
    this.model.components = new Map(state.components.map((c) => [c.id, c]));
    this.model.pods = new Map(state.pods.map((p) => [p.uid, p]));
    this.render();
  }

  // Apply one delta's events in order, then redraw once.
  apply(events) {
    let changed = false;
    const messages = [];
    for (const event of events) {
      if (event.type === "object") {
        changed = this.applyObject(event) || changed;
        // Draw a new pod where it starts, so a bind in the same delta glides.
        if (event.kind === "Pod" && !this.els.pods.has(event.view?.uid)) this.render();
      } else if (event.type === "component") changed = this.applyComponent(event) || changed;
      else if (event.type === "message") messages.push(event);
      else if (event.type === "schedule") this.showSchedule(event);
      else if (event.type === "etcd") this.pulse("etcd");
    }
    if (changed) this.render();
    showMessages(this.layers.dots, messages, this.boxes, this.els.components);
    setCaption(this.caption, messages.at(-1));
  }

  applyObject(event) {
    const store = { Pod: this.model.pods, Node: this.model.nodes }[event.kind];
    const view = event.view;
    if (!store || !view?.uid) return false;
    if (event.verb === "DELETED") store.delete(view.uid);
    else store.set(view.uid, view);
    return true;
  }

  applyComponent(event) {
    if (!event.view?.id) return false;
    this.model.components.set(event.view.id, event.view);
    return true;
  }

  render() {
    const nodes = [...this.model.nodes.values()];
    const components = [...this.model.components.values()];
    const pods = [...this.model.pods.values()];
    const plan = layout({ nodes, components, pods });
    setAttrs(this.root, { viewBox: `0 0 ${plan.width} ${plan.height}` });
    this.placeFrames(plan);
    drawNodes(this.layers.nodes, this.els.nodes, nodes, plan.nodes);
    drawComponents(this.layers.components, this.els.components, components, plan.components);
    drawPods(this.layers.pods, this.els.pods, pods, plan.pods);
    this.boxes = new Map([...plan.components, ["kubectl", plan.client]]);
    this.describe(nodes, pods);
  }

  // The lane for unscheduled pods and the kubectl client are fixed furniture.
  drawFrames() {
    const lane = svg("g", { class: "lane" }, this.layers.frames);
    lane._box = svg("rect", { class: "lane-box", rx: 12 }, lane);
    label(lane, { class: "lane-title", x: 16, y: 28 }, t("unscheduled", "Unscheduled"));
    label(lane, { class: "lane-sub", x: 16, y: 44 }, t("unscheduledHint", "Pending pods wait here"));
    const client = svg("g", { class: "client", "data-kind": "client", "data-name": "kubectl", "data-status": "Ready" }, this.layers.frames);
    client._box = svg("rect", { class: "client-box", rx: 8 }, client);
    label(client, { class: "comp-name", "text-anchor": "middle", y: 20 }, "kubectl");
    label(client, { class: "comp-role", "text-anchor": "middle", y: 35 }, t("console", "your console"));
    this.frames = { lane, client };
  }

  placeFrames(plan) {
    const { lane, client } = this.frames;
    setAttrs(lane._box, { width: plan.lane.w, height: plan.lane.h });
    lane.style.transform = `translate(${plan.lane.x}px, ${plan.lane.y}px)`;
    setAttrs(client._box, { width: plan.client.w, height: plan.client.h });
    for (const t of client.querySelectorAll("text")) t.setAttribute("x", plan.client.w / 2);
    client.style.transform = `translate(${plan.client.x}px, ${plan.client.y}px)`;
  }

  showSchedule(event) {
    const byName = new Map([...this.els.nodes.values()].map((g) => [g.dataset.name, g]));
    for (const [name, reason] of Object.entries(event.filtered || {})) {
      const g = byName.get(name);
      if (g) { flag(g, "filtered", 2600); badge(g, `✕ ${fit(String(reason), 200, 11)}`, "bad"); }
    }
    for (const [name, scores] of Object.entries(event.scores || {})) {
      const g = byName.get(name);
      if (g && scores.total !== undefined) badge(g, `${t("score", "score")} ${scores.total}`, "score");
    }
    const chosen = byName.get(event.node);
    if (chosen) { flag(chosen, "chosen", 2600); badge(chosen, `✓ ${t("chosen", "chosen")}`, "good"); }
    if (event.message) this.caption.textContent = `kube-scheduler: ${event.message}`;
  }

  pulse(name) {
    for (const g of this.els.components.values()) if (g.dataset.name === name) flag(g, "busy", 450);
  }

  describe(nodes, pods) {
    const running = pods.filter((p) => p.status === "Running").length;
    this.root.setAttribute(
      "aria-label",
      `Cluster diagram: ${nodes.length} nodes, ${pods.length} pods (${running} running)`,
    );
  }
}
