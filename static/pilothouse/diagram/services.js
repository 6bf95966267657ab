// Services: one box per Service uid with its ClusterIP, ports and endpoints,
// each endpoint with a live count of the requests kube-proxy sent it. Click
// or Enter on a Service toggles, above it, kube-proxy's load-balancing as the
// shown node's kube-proxy reported programming it (`proxyrules` events): the
// KUBE-SVC chain and each endpoint's --probability (iptables), or the virtual
// server, scheduler and real servers (IPVS), each rule with its live count;
// the rule a request took lights up as its dot passes kube-proxy.

import { SERVICE } from "./layout.js";
import { fadeIn, fadeOut, flag } from "./motion.js";
import { fit, label, setAttrs, setText, svg } from "./svg.js";
import { endpointIp } from "./traffic.js";
import { t } from "../words.js";

function create(layer, svc) {
  const g = svg("g", { class: "service", "data-kind": "service", "data-uid": svc.uid, tabindex: 0 }, layer);
  g._title = svg("title", {}, g);
  g._box = svg("rect", { class: "service-box", rx: 10 }, g);
  g._name = label(g, { class: "svc-name", x: 12, y: 17 }, "");
  g._ip = label(g, { class: "svc-ip", x: 12, y: 32 }, "");
  g._lines = svg("g", { class: "svc-endpoints" }, g);
  g._lb = svg("g", { class: "svc-lb", display: "none" }, g);
  g._lbBox = svg("rect", { class: "svc-lb-box", rx: 4 }, g._lb);
  g._lbLines = svg("g", {}, g._lb);
  g.setAttribute("aria-expanded", "false");
  const toggle = () => {
    const open = g.getAttribute("aria-expanded") !== "true";
    g.setAttribute("aria-expanded", String(open));
    if (open && g.parentNode) {
      const focused = document.activeElement === g;
      g.parentNode.appendChild(g); // drawn over its neighbours
      if (focused) g.focus();
    }
    drawBalancing(g);
  };
  g.addEventListener("click", toggle);
  g.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" && e.key !== " ") return;
    e.preventDefault();
    toggle();
  });
  fadeIn(g);
  return g;
}

// One line per rule: {text, address} (address: the endpoint it sends to).
function balancingLines(svc, rules, counts) {
  const lines = [];
  const hits = (address) => {
    const n = hits.n(address);
    return n ? `  ← ${n}` : "";
  };
  hits.n = (address) => counts.get(endpointIp(address)) || 0;
  for (const port of rules?.ports || []) {
    if (port.mode === "ipvs") {
      lines.push({ text: `ipvs ${port.virtual} ${port.scheduler || ""}` });
      port.endpoints.forEach((e) => lines.push({ text: `  -> ${e.address.padEnd(17)} w=${e.weight ?? 1}${hits(e.address)}`, address: e.address }));
    } else {
      lines.push({ text: port.chain });
      port.endpoints.forEach((e) => {
        const odds = e.probability === null ? t("rest", "rest") : `p=${Number(e.probability).toFixed(4)}`;
        lines.push({ text: `  ${e.address.padEnd(17)} ${odds}${hits(e.address)}`, address: e.address, count: hits.n(e.address) });
      });
    }
    if (!port.endpoints.length) lines.push({ text: `  — ${t("noEndpoints", "no endpoints")}` });
  }
  if (!rules?.ports) {
    const headless = !svc.clusterIP || svc.clusterIP === "None";
    lines.push({ text: headless ? t("noProxyRules", "headless: kube-proxy has no rules") : t("notProgrammed", "not programmed by kube-proxy yet") });
  }
  if (rules?.node) lines.push({ text: `(kube-proxy @ ${rules.node})` });
  return lines;
}

function drawBalancing(g) {
  const open = g.getAttribute("aria-expanded") === "true" && g._svc;
  setAttrs(g._lb, { display: open ? null : "none" });
  if (!open) return;
  const lines = balancingLines(g._svc, g._rules, g._counts || new Map());
  while (g._lbLines.childElementCount > lines.length) g._lbLines.lastElementChild.remove();
  lines.forEach((line, i) => {
    const el = g._lbLines.children[i] || label(g._lbLines, { class: "svc-lb-line", x: 8 }, "");
    setAttrs(el, { y: 14 + i * 13, "data-address": line.address ?? null, "data-count": line.count ?? null });
    setText(el, fit(line.text, SERVICE.w - 16, 10));
  });
  // Above the box: the layers drawn later (nodes, pods) would hide it below.
  const height = 8 + lines.length * 13;
  setAttrs(g._lb, { transform: `translate(0 ${-height - 4})` });
  setAttrs(g._lbBox, { width: SERVICE.w, height });
}

// A request took the rule to `endpoint`: light that line up as the dot
// reaches kube-proxy (`delay` ms from now).
export function takeRule(g, endpoint, delay) {
  if (!endpoint || g.getAttribute("aria-expanded") !== "true") return;
  setTimeout(() => {
    for (const el of g._lbLines.children) {
      if (el.dataset.address && endpointIp(el.dataset.address) === endpointIp(endpoint)) flag(el, "taken", 650);
    }
  }, delay);
}

function endpointLine(e, count) {
  const mark = e.ready ? "✓" : `✕ ${t("notReady", "not ready")}`;
  const who = e.pod ? fit(e.pod, 96, 10) : "";
  return `${mark} ${e.ip || ""} ${who}${count ? `  ⇢ ${count}` : ""}`;
}

function update(g, svc, box, counts, rules) {
  const ready = svc.endpoints.filter((e) => e.ready).length;
  setAttrs(g, {
    "data-name": svc.name,
    "data-namespace": svc.namespace,
    "data-status": ready ? "Ready" : "NoEndpoints",
    "data-cluster-ip": svc.clusterIP || null,
    "aria-label": `${t("service", "Service")} ${svc.name} ${svc.clusterIP || ""}: ${ready}/${svc.endpoints.length} ${t("endpointsReady", "endpoints ready")}`,
  });
  setAttrs(g._box, { width: box.w, height: box.h });
  setText(g._name, fit(`svc/${svc.name}`, box.w - 20, 12));
  setText(g._ip, fit(`${svc.clusterIP || "None"} · ${svc.ports.join(", ")}`, box.w - 20, 11));
  drawEndpoints(g, svc, counts);
  g._svc = svc;
  g._counts = counts;
  g._rules = rules;
  drawBalancing(g);
  setText(g._title, g.getAttribute("aria-label"));
  g.style.transform = `translate(${box.x}px, ${box.y}px)`;
}

function drawEndpoints(g, svc, counts) {
  const lines = svc.endpoints.slice(0, SERVICE.shown).map((e) => endpointLine(e, counts.get(e.ip) || 0));
  if (!svc.endpoints.length) lines.push(`— ${t("noEndpoints", "no endpoints")}`);
  if (svc.endpoints.length > SERVICE.shown) lines.push(`+${svc.endpoints.length - SERVICE.shown} ${t("more", "more")}`);
  while (g._lines.childElementCount > lines.length) g._lines.lastElementChild.remove();
  lines.forEach((text, i) => {
    const el = g._lines.children[i] || label(g._lines, { class: "svc-ep", x: 12 }, "");
    setAttrs(el, { y: SERVICE.head + 8 + i * SERVICE.line, "data-ip": svc.endpoints[i]?.ip ?? null });
    el.classList.toggle("down", Boolean(svc.endpoints[i] && !svc.endpoints[i].ready));
    setText(el, fit(text, SERVICE.w - 20, 10));
  });
}

// `programmed`: {node, mode, scheduler, services: Map(uid → blocks)}, the
// latest rules the shown kube-proxy reported.
export function drawServices(layer, els, services, boxes, counters, programmed) {
  const live = new Set();
  for (const svc of services) {
    const box = boxes.get(svc.uid);
    if (!box) continue;
    live.add(svc.uid);
    if (!els.has(svc.uid)) els.set(svc.uid, create(layer, svc));
    const ports = programmed?.services.get(svc.uid);
    const rules = ports ? { node: programmed.node, ports } : { node: programmed?.node };
    update(els.get(svc.uid), svc, box, counters.get(`${svc.namespace}/${svc.name}`) || new Map(), rules);
  }
  for (const [uid, g] of els) {
    if (!live.has(uid)) {
      els.delete(uid);
      fadeOut(g);
    }
  }
}

export function pulseService(g, ok) {
  flag(g, ok ? "hit" : "miss", 500);
}
