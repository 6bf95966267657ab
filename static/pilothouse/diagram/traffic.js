// Requests through a Service (`traffic` events): a dot runs from the source
// through the source node's kube-proxy to the endpoint kube-proxy chose, and
// the endpoint's counter ticks. Counters are keyed "namespace/service" → ip.

import { center } from "./layout.js";
import { travel } from "./motion.js";

export function serviceKey(name) {
  const text = String(name || "");
  return text.includes("/") ? text : `default/${text}`;
}

export function endpointIp(endpoint) {
  return String(endpoint || "").replace(/:\d+$/, "");
}

export function count(counters, event) {
  const key = serviceKey(event.service);
  if (!counters.has(key)) counters.set(key, new Map());
  const ip = endpointIp(event.endpoint);
  if (!ip || event.ok === false) return;
  const per = counters.get(key);
  // A sampled event may stand for several requests (`count`, when given).
  per.set(ip, (per.get(ip) || 0) + (Number(event.count) || 1));
}

// `source` is {pod: NAME} or {node: NAME} (or a plain name in older events).
function sourceOf(event) {
  const s = event.source;
  if (s && typeof s === "object") return { pod: s.pod ?? null, node: s.node ?? null };
  return { pod: String(s || "").replace(/^pod\//, ""), node: null };
}

function hop(from, to) {
  const a = center(from);
  const b = center(to);
  return [a, { x: a.x, y: (a.y + b.y) / 2 }, { x: b.x, y: (a.y + b.y) / 2 }, b];
}

// `find` looks boxes up: find.pod(name), find.node(name), find.component(id),
// find.client(). Missing pieces shorten the route rather than drop it.
export function showTraffic(layer, event, find, delay = 0) {
  const source = sourceOf(event);
  const start = (source.pod && find.pod(source.pod)) || find.node(source.node || event.node) || find.client();
  const proxy = find.component(event.via) || find.component(`kube-proxy/${event.node}`);
  const end = find.pod(event.pod) || find.node(event.target_node);
  const stops = [start, proxy, end].filter(Boolean);
  const kind = event.ok === false ? "traffic-failed" : "traffic";
  for (let i = 1; i < stops.length; i++) {
    travel(layer, hop(stops[i - 1], stops[i]), kind, delay + (i - 1) * 450);
  }
}
