// Where everything goes. Pure functions of the model: no DOM here.
//
//   [kubectl]  [ control-plane node: apiserver etcd scheduler controller-manager ]
//              [                    kubelet kube-proxy containerd               ]
//   [ unscheduled pods ........................................................ ]
//   [ worker: kubelet kube-proxy containerd ] [ worker ... ] [ worker ... ]
//   [   pods                                ] [   pods    ] [   pods    ]

export const POD = { w: 138, h: 34 };
const PAD = 20;
const GAP = 18;
const HEAD = 38; // node title and details, then the gutter wires run in
const INSET = 12;
const CLIENT = { w: 112, h: 46 };
const TIER_H = { control: 46, agents: 30 };
const LANE_H = POD.h + 34;
const MIN_WIDTH = 1000;
const MIN_POD_ROWS = 3;

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
function placeRow(out, g, nodes, x, y, width, minRows) {
  if (!nodes.length) return 0;
  const slots = row(nodes.length, x, width, GAP);
  const probe = { w: slots[0].w };
  const rows = Math.max(minRows, ...nodes.map((n) => Math.ceil(g.pods.get(n.name).length / podColumns(probe))));
  const chips = Math.max(...nodes.map((n) => tiersHeight(g.comps.get(n.name))));
  const h = HEAD + chips + 4 + rows * (POD.h + 8) + (rows ? 4 : 0);
  nodes.forEach((node, i) => {
    const box = { x: slots[i].x, y, w: slots[i].w, h };
    out.nodes.set(node.name, box);
    placeChips(out, g.comps.get(node.name), box);
    placePods(out, g.pods.get(node.name), box, y + HEAD + chips + 4);
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

function placePods(out, pods, box, top) {
  const cols = podColumns(box);
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
    out.pods.set(pod.uid, { x: Math.min(first + i * (POD.w + 10), last), y: y + 17, ...POD });
  });
  out.lane = lane;
}

export function layout(model) {
  const g = group(model);
  const width = Math.max(MIN_WIDTH, PAD * 2 + g.workers.length * 250);
  const out = { width, nodes: new Map(), components: new Map(), pods: new Map() };
  out.client = { x: PAD, y: PAD + HEAD, ...CLIENT };
  const cpX = PAD + CLIENT.w + GAP;
  const cpH = placeRow(out, g, g.control, cpX, PAD, width - PAD - cpX, 0);
  const laneY = PAD + Math.max(cpH, HEAD + CLIENT.h) + GAP;
  placeLane(out, g.unscheduled, laneY);
  const workersY = laneY + LANE_H + GAP;
  const wH = placeRow(out, g, g.workers, PAD, workersY, width - PAD * 2, MIN_POD_ROWS);
  out.height = workersY + wH + PAD;
  return out;
}

export function center(box) {
  return { x: box.x + box.w / 2, y: box.y + box.h / 2 };
}
