// The cluster diagram: holds the latest view of every object and keeps one SVG
// element per object in step with it. Fed by snapshots and deltas (app.js).
// What it animates it also tells `narrate`, for screen readers.

import { drawComponents } from "./components.js";
import { layout } from "./layout.js";
import { captionFrom, showMessages } from "./messages.js";
import { flag } from "./motion.js";
import { badge, drawNodes } from "./nodes.js";
import { drawOverflow } from "./overflow.js";
import { drawPods, showProbe, tickRing } from "./pods.js";
import { drawNominations, markVictim, nominatedNode, preemptionText, shortName } from "./preemption.js";
import { drawServices, pulseService, takeRule } from "./services.js";
import { fit, label, setAttrs, setText, svg } from "./svg.js";
import { count, serviceKey, showTraffic } from "./traffic.js";
import { Narration } from "./narration.js";
import { t } from "../words.js";

const CROWDED_PODS = 120;
const STORES = { Pod: "pods", Node: "nodes", Service: "services" };
const CAPTION_HOLD_MS = 2500; // a preemption's caption outlasts the chatter after it

export class Diagram {
  constructor(root, caption, narrate = () => {}) {
    this.root = root;
    this.caption = caption;
    this.model = { nodes: new Map(), components: new Map(), pods: new Map(), services: new Map() };
    this.els = { nodes: new Map(), components: new Map(), pods: new Map(), services: new Map(), more: new Map(), nominations: new Map() };
    this.decisions = new Map(); // "ns/name" → the pod's latest schedule event
    this.counters = new Map(); // "ns/service" → Map(endpoint ip → requests)
    // What the shown kube-proxy programmed (`proxyrules` events).
    this.programmed = { node: null, mode: null, scheduler: null, services: new Map() };
    this.captionHeld = 0;
    this.now = 0;
    this.story = new Narration(narrate);
    this.layers = {};
    for (const name of ["frames", "services", "nodes", "components", "pods", "nominations", "dots"]) {
      this.layers[name] = svg("g", { class: `layer-${name}` }, root);
    }
    this.boxes = new Map();
    this.plan = null;
    this.drawFrames();
  }

  // A snapshot of another timeline (gone back in time, or a new host): what
  // this page saw happen there (requests counted, decisions, rings, dots in
  // flight) is not this one's, so it goes and every element is drawn afresh.
  forget() {
    for (const els of Object.values(this.els)) {
      for (const el of els.values()) el.remove();
      els.clear();
    }
    this.layers.dots.replaceChildren();
    this.decisions.clear();
    this.counters.clear();
    this.captionHeld = 0;
    this.caption.textContent = "";
  }

  // Replace everything with a snapshot; elements of objects that remain stay.
  load(state) {
    this.now = state.time ?? this.now;
    this.model.nodes = new Map(state.nodes.map((n) => [n.uid, n]));
    this.model.components = new Map(state.components.map((c) => [c.id, c]));
    this.model.pods = new Map(state.pods.map((p) => [p.uid, p]));
    this.model.services = new Map((state.services || []).map((s) => [s.uid, s]));
    const proxy = state.proxy || {};
    this.programmed = {
      node: proxy.node ?? null, mode: proxy.mode ?? null, scheduler: proxy.scheduler ?? null,
      services: new Map(Object.entries(proxy.services || {})),
    };
    this.render();
  }

  // Apply one delta's events in order, then redraw once.
  apply(events, time) {
    if (typeof time === "number") this.now = time;
    let changed = false;
    const messages = [];
    let traffic = 0;
    let rules = false;
    const said = this.story.said;
    for (const event of events) {
      if (event.type === "object") {
        const fresh = event.kind === "Pod" && !this.model.pods.has(event.view?.uid);
        changed = this.applyObject(event) || changed;
        // Draw a new pod where it starts, so a bind in the same delta glides.
        if (fresh && event.verb !== "DELETED") this.render();
      } else if (event.type === "component") changed = this.applyComponent(event) || changed;
      else if (event.type === "message") messages.push(event);
      else if (event.type === "schedule") this.showSchedule(event);
      else if (event.type === "etcd") this.pulse("etcd");
      else if (event.type === "traffic") this.showTraffic(event, traffic++);
      else if (event.type === "backoff") this.holdBack(event);
      else if (event.type === "probe") this.showProbe(event);
      else if (event.type === "proxyrules") rules = this.applyRules(event) || rules;
    }
    if (changed) this.render();
    if (traffic || rules) changed || this.drawServiceBoxes();
    showMessages(this.layers.dots, messages, this.boxes, this.els.components);
    if (performance.now() >= this.captionHeld) captionFrom(this.caption, messages);
    this.story.messages(messages, said);
  }

  applyObject(event) {
    const store = this.model[STORES[event.kind]];
    const view = event.view;
    if (!store || !view?.uid) return false;
    const before = store.get(view.uid);
    if (event.verb === "DELETED") store.delete(view.uid);
    else store.set(view.uid, view);
    this.story.change(event.kind, before, event.verb === "DELETED" ? null : view);
    return true;
  }

  // The kubelet held a crashed container back: start its ring now, before
  // the pod's status (written at the kubelet's next sync) says CrashLoopBackOff.
  holdBack(event) {
    const g = this.els.pods.get(event.uid);
    if (!g) return;
    g._held = { container: event.container, delay: event.delay, until: event.until };
    g._backoff = g._held;
    tickRing(g, this.now);
  }

  // A probe failed (or recovered): ticks against its threshold on the pod.
  showProbe(event) {
    const g = this.els.pods.get(event.uid);
    if (g) showProbe(g, event);
  }

  // The shown kube-proxy synced: keep the blocks it reports, per Service uid.
  applyRules(event) {
    const p = this.programmed;
    Object.assign(p, { node: event.node ?? p.node, mode: event.mode ?? p.mode, scheduler: event.scheduler ?? null });
    for (const [uid, ports] of Object.entries(event.services || {})) {
      if (ports) p.services.set(uid, ports);
      else p.services.delete(uid);
    }
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
    const services = [...this.model.services.values()];
    const plan = layout({ nodes, components, pods, services });
    this.plan = plan;
    if (this.zoom) this.zoom.fit(plan.width, plan.height);
    else setAttrs(this.root, { viewBox: `0 0 ${plan.width} ${plan.height}` });
    this.placeFrames(plan);
    drawNodes(this.layers.nodes, this.els.nodes, nodes, plan.nodes);
    drawComponents(this.layers.components, this.els.components, components, plan.components);
    drawPods(this.layers.pods, this.els.pods, pods, plan.pods, this.now);
    drawOverflow(this.layers.pods, this.els.more, plan.more);
    this.drawServiceBoxes();
    this.boxes = new Map([...plan.components, ["kubectl", plan.client]]);
    this.showQueue(pods);
    this.drawNominations(pods);
    this.describe(nodes, pods);
  }

  // Preemptors waiting in the queue, each with a dashed line to its node.
  drawNominations(pods) {
    if (!this.plan) return;
    const found = [];
    for (const p of pods) {
      const node = nominatedNode(p, this.decisions.get(`${p.namespace}/${p.name}`));
      if (node) found.push([p.uid, node]);
    }
    drawNominations(this.layers.nominations, this.els.nominations, found, this.plan);
  }

  drawServiceBoxes() {
    if (!this.plan) return;
    const services = [...this.model.services.values()];
    drawServices(this.layers.services, this.els.services, services, this.plan.services, this.counters, this.programmed);
  }

  // Simulated time moved on: count down the back-off rings.
  tick(now) {
    this.now = now;
    for (const g of this.els.pods.values()) if (g._backoff) tickRing(g, now);
  }

  // The lane for unscheduled pods and the kubectl client are fixed furniture.
  drawFrames() {
    const lane = svg("g", { class: "lane", "data-kind": "queue" }, this.layers.frames);
    lane._box = svg("rect", { class: "lane-box", rx: 12 }, lane);
    label(lane, { class: "lane-title", x: 16, y: 26 }, t("unscheduled", "Unscheduled"));
    label(lane, { class: "lane-sub", x: 16, y: 42 }, t("unscheduledHint", "Pending pods wait here"));
    lane._reason = label(lane, { class: "lane-reason", x: 16 }, "");
    const client = svg("g", { class: "client", "data-kind": "client", "data-name": "kubectl", "data-status": "Ready" }, this.layers.frames);
    client._box = svg("rect", { class: "client-box", rx: 8 }, client);
    label(client, { class: "comp-name", "text-anchor": "middle", y: 20 }, "kubectl");
    label(client, { class: "comp-role", "text-anchor": "middle", y: 35 }, t("console", "your console"));
    this.frames = { lane, client };
  }

  placeFrames(plan) {
    const { lane, client } = this.frames;
    setAttrs(lane._box, { width: plan.lane.w, height: plan.lane.h });
    setAttrs(lane._reason, { y: plan.lane.h - 9 });
    lane._width = plan.lane.w;
    lane.style.transform = `translate(${plan.lane.x}px, ${plan.lane.y}px)`;
    setAttrs(client._box, { width: plan.client.w, height: plan.client.h });
    for (const el of client.querySelectorAll("text")) el.setAttribute("x", plan.client.w / 2);
    client.style.transform = `translate(${plan.client.x}px, ${plan.client.y}px)`;
  }

  // The scheduler's last word on a pod still waiting, under the queue.
  showQueue(pods) {
    const waiting = pods.filter((p) => !p.node && this.decisions.get(`${p.namespace}/${p.name}`)?.node === null);
    const last = waiting.map((p) => this.decisions.get(`${p.namespace}/${p.name}`)).at(-1);
    const text = last ? `⚠ FailedScheduling ${podName(last.pod)}: ${last.message}` : "";
    setText(this.frames.lane._reason, fit(text, this.frames.lane._width - 32, 11));
    setAttrs(this.frames.lane, { "data-reason": last?.message || null });
    for (const p of pods) {
      const d = this.decisions.get(`${p.namespace}/${p.name}`);
      const g = this.els.pods.get(p.uid);
      if (g) setAttrs(g, { "data-reason": !p.node && d?.node === null ? d.message : null });
    }
  }

  showSchedule(event) {
    const key = String(event.pod).includes("/") ? String(event.pod) : `default/${event.pod}`;
    this.decisions.set(key, { ...event, node: event.node || null, at: this.now });
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
    const held = performance.now() < this.captionHeld;
    if (event.message && !held) this.caption.textContent = `kube-scheduler: ${event.message}`;
    if (event.victims?.length) this.showPreemption(event, byName);
    this.story.schedule(event);
    this.showQueue([...this.model.pods.values()]);
    this.drawNominations([...this.model.pods.values()]);
  }

  // Preemption: mark each victim on the nominated node, flag that node and
  // say it in the caption, which the chatter that follows does not replace.
  showPreemption(event, byName) {
    const by = shortName(event.pod);
    const victims = new Set(event.victims.map(String));
    for (const p of this.model.pods.values()) {
      const g = this.els.pods.get(p.uid);
      if (g && victims.has(`${p.namespace}/${p.name}`)) markVictim(g, by);
    }
    const node = byName.get(event.nominatedNode);
    if (node) { flag(node, "preempting", 2600); badge(node, `⚠ ${t("preempting", "preempting")} ${victims.size}`, "warn"); }
    this.caption.textContent = preemptionText(event);
    this.captionHeld = performance.now() + CAPTION_HOLD_MS;
  }

  showTraffic(event, index) {
    count(this.counters, event);
    const find = {
      pod: (name) => this.podBox(name),
      node: (name) => this.plan?.nodes.get(name),
      component: (id) => this.boxes.get(id),
      client: () => this.plan?.client,
    };
    const delay = Math.min(index, 8) * 120;
    showTraffic(this.layers.dots, event, find, delay);
    const key = serviceKey(event.service);
    for (const g of this.els.services.values()) {
      if (`${g.dataset.namespace}/${g.dataset.name}` !== key) continue;
      pulseService(g, event.ok !== false);
      // The dot reaches kube-proxy after its first hop (motion.js: 700 ms).
      if (event.ok !== false) takeRule(g, event.endpoint, delay + 700);
    }
    if (index === 0) this.story.traffic(event);
  }

  podBox(name) {
    for (const pod of this.model.pods.values()) {
      if (pod.name === name) return this.plan?.pods.get(pod.uid) || this.plan?.nodes.get(pod.node);
    }
    return null;
  }

  // The recorded scheduling decision for a pod, if this page saw one.
  decisionFor(pod) {
    return this.decisions.get(`${pod.namespace}/${pod.name}`) || null;
  }

  podByUid(uid) {
    return this.model.pods.get(uid) || null;
  }

  pulse(name) {
    for (const g of this.els.components.values()) if (g.dataset.name === name) flag(g, "busy", 450);
  }

  describe(nodes, pods) {
    const running = pods.filter((p) => p.status === "Running").length;
    // Many blinking pods would repaint the whole picture every frame.
    setAttrs(this.root, { "data-crowded": pods.length > CROWDED_PODS ? "" : null });
    setAttrs(this.root, {
      "aria-label":
      t("diagramSummary", "Cluster diagram: {nodes} nodes, {pods} pods ({running} running)")
        .replace("{nodes}", nodes.length).replace("{pods}", pods.length).replace("{running}", running),
    });
  }
}

function podName(key) {
  return String(key).split("/").pop();
}
