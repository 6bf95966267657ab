// Where everything goes. Pure functions of the model: no DOM here.
//
//   [kubectl]  [ control-plane node: apiserver etcd scheduler controller-manager ]
//              [                    kubelet kube-proxy containerd               ]
//   [ unscheduled pods ........................................................ ]
//   [ svc/web 10.96.0.10 ] [ svc/db ... ]         (Services, when there are any)
//   [ worker: kubelet kube-proxy containerd ] [ worker ... ] [ worker ... ]
//   [   pods                                ] [   pods    ] [   pods    ]

export const POD = { w: 138, h: 44 };
const PAD = 20;
const GAP = 18;
const HEAD = 46; // node title and details, then the gutter wires run in
const INSET = 12;
const CLIENT = { w: 112, h: 46 };
const TIER_H = { control: 46, agents: 30 };
const LANE_H = POD.h + 46; // pods, then a line for the scheduler's last verdict
const MIN_WIDTH = 1000;
const MIN_POD_ROWS = 1;
const MAX_PER_ROW = 10; // worker nodes side by side before the next row
const CROWDED = 8; // with more workers than this, each shows at most ...
const CROWDED_ROWS = 4; // ... this many rows of pods, then a "+N more" chip
export const SERVICE = { w: 236, line: 15, head: 40, shown: 4 };

const CONTROL = ["kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager"];
const AGENTS = ["kubelet", "kube-proxy", "containerd"];

export function isControlPlane(node) {
  return (node.roles || []).includes("control-plane");
}

export function byName(a, b) {
  return a.name.localeCompare(b.name, "en", { numeric: true });
}

function rank(c) {
  const order = [...CONTROL, ...AGENTS];
  return order.includes(c.name) ? order.indexOf(c.name) : order.length;
}

function row(count, x, width, gap) {
  const w = (width - gap * (count - 1)) / Math.max(count, 1);
  return Array.from({ length: count }, (_, i) => ({ x: x + i * (w + gap), w }));
}

function podColumns(box) {
  const inner = box.w - INSET * 2;
  return Math.max(1, Math.floor((inner + 8) / (POD.w + 8)));
}

function tiers(components) {
  const sorted = [...components].sort((a, b) => rank(a) - rank(b) || byName(a, b));
  const control = sorted.filter((c) => CONTROL.includes(c.name));
  const agents = sorted.filter((c) => !CONTROL.includes(c.name));
  return [["control", control], ["agents", agents]].filter(([, list]) => list.length);
}

function tiersHeight(components) {
  return tiers(components).reduce((h, [tier]) => h + TIER_H[tier] + 8, 0);
}

function group(model) {
  const nodes = [...model.nodes].sort(byName);
  const comps = new Map(nodes.map((n) => [n.name, []]));
  for (const c of model.components) comps.get(c.node)?.push(c);
  const pods = new Map(nodes.map((n) => [n.name, []]));
  const unscheduled = [];
  for (const p of model.pods) (pods.get(p.node) ?? unscheduled).push(p);
  return {
    control: nodes.filter(isControlPlane),
    workers: nodes.filter((n) => !isControlPlane(n)),
    comps, pods, unscheduled,
  };
}

// Lay out one row of node boxes of equal height; returns the row's height.
function placeRow(out, g, nodes, x, y, width, minRows, maxRows = 0) {
  if (!nodes.length) return 0;
  const slots = row(nodes.length, x, width, GAP);
  const probe = { w: slots[0].w };
  const need = (n) => Math.ceil(g.pods.get(n.name).length / podColumns(probe));
  const rows = Math.max(minRows, ...nodes.map((n) => (maxRows ? Math.min(maxRows, need(n)) : need(n))));
  const chips = Math.max(...nodes.map((n) => tiersHeight(g.comps.get(n.name))));
  const h = HEAD + chips + 4 + rows * (POD.h + 8) + (rows ? 4 : 0);
  nodes.forEach((node, i) => {
    const box = { x: slots[i].x, y, w: slots[i].w, h, name: node.name };
    out.nodes.set(node.name, box);
    placeChips(out, g.comps.get(node.name), box);
    placePods(out, g.pods.get(node.name), box, y + HEAD + chips + 4, maxRows);
  });
  return h;
}

function placeChips(out, components, box) {
  let top = box.y + HEAD;
  for (const [tier, list] of tiers(components)) {
    const slots = row(list.length, box.x + INSET, box.w - INSET * 2, 10);
    list.forEach((c, i) => out.components.set(c.id, { x: slots[i].x, y: top, w: slots[i].w, h: TIER_H[tier] }));
    top += TIER_H[tier] + 8;
  }
}

function placePods(out, pods, box, top, maxRows) {
  const cols = podColumns(box);
  const room = maxRows ? cols * maxRows : Infinity;
  if (pods.length > room) {
    const shown = pods.slice(0, room - 1);
    const rest = pods.slice(room - 1);
    placePods(out, shown, box, top, 0);
    const i = room - 1;
    out.more.set(box.name, { x: box.x + INSET + (i % cols) * (POD.w + 8), y: top + Math.floor(i / cols) * (POD.h + 8), ...POD, pods: rest });
    return;
  }
  const inner = box.w - INSET * 2;
  const gap = cols > 1 ? (inner - cols * POD.w) / (cols - 1) : 0;
  pods.forEach((pod, i) => {
    const x = box.x + INSET + (i % cols) * (POD.w + gap);
    out.pods.set(pod.uid, { x, y: top + Math.floor(i / cols) * (POD.h + 8), ...POD });
  });
}

function placeLane(out, pods, y) {
  const lane = { x: PAD, y, w: out.width - PAD * 2, h: LANE_H };
  const first = lane.x + 170;
  const last = lane.x + lane.w - POD.w - 10;
  pods.forEach((pod, i) => {
    out.pods.set(pod.uid, { x: Math.min(first + i * (POD.w + 10), last), y: y + 12, ...POD });
  });
  out.lane = lane;
}

export function serviceHeight(svc) {
  const lines = Math.min(SERVICE.shown, svc.endpoints.length) + (svc.endpoints.length > SERVICE.shown ? 1 : 0);
  return SERVICE.head + Math.max(1, lines) * SERVICE.line + 6;
}

// Services in rows of boxes; returns the height they take (0 when none).
function placeServices(out, services, y) {
  if (!services.length) return 0;
  const perRow = Math.max(1, Math.floor((out.width - PAD * 2 + GAP) / (SERVICE.w + GAP)));
  let top = y;
  for (let start = 0; start < services.length; start += perRow) {
    const slice = services.slice(start, start + perRow);
    const h = Math.max(...slice.map(serviceHeight));
    slice.forEach((svc, i) => out.services.set(svc.uid, { x: PAD + i * (SERVICE.w + GAP), y: top, w: SERVICE.w, h }));
    top += h + GAP;
  }
  return top - y;
}

function placeWorkers(out, g, y) {
  const perRow = Math.min(MAX_PER_ROW, Math.max(1, g.workers.length));
  const maxRows = g.workers.length > CROWDED ? CROWDED_ROWS : 0;
  let top = y;
  for (let start = 0; start < g.workers.length; start += perRow) {
    const nodes = g.workers.slice(start, start + perRow);
    const slots = nodes.length === perRow ? out.width - PAD * 2 : (out.width - PAD * 2 + GAP) * nodes.length / perRow - GAP;
    top += placeRow(out, g, nodes, PAD, top, slots, MIN_POD_ROWS, maxRows) + GAP;
  }
  return top - y - (g.workers.length ? GAP : 0);
}

export function layout(model) {
  const g = group(model);
  const width = Math.max(MIN_WIDTH, PAD * 2 + Math.min(MAX_PER_ROW, g.workers.length) * 250);
  const out = { width, nodes: new Map(), components: new Map(), pods: new Map(), services: new Map(), more: new Map() };
  out.client = { x: PAD, y: PAD + HEAD, ...CLIENT };
  const cpX = PAD + CLIENT.w + GAP;
  const cpH = placeRow(out, g, g.control, cpX, PAD, width - PAD - cpX, 0);
  const laneY = PAD + Math.max(cpH, HEAD + CLIENT.h) + GAP;
  placeLane(out, g.unscheduled, laneY);
  const servicesY = laneY + LANE_H + GAP;
  const sH = placeServices(out, [...(model.services || [])].sort(byName), servicesY);
  const workersY = servicesY + (sH ? sH + 0 : 0);
  const wH = placeWorkers(out, g, workersY);
  out.height = workersY + wH + PAD;
  return out;
}

export function center(box) {
  return { x: box.x + box.w / 2, y: box.y + box.h / 2 };
}
