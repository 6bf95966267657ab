// Messages between components: whenever the engine reports one, a wire lights
// up between the two and a dot travels along it.

import { center } from "./layout.js";
import { flag, travel } from "./motion.js";
import { setAttrs } from "./svg.js";

function kindOf(source) {
  const name = source.split("/")[0];
  return `from-${name.replace(/[^a-z0-9-]/gi, "")}`;
}

// How a wire runs between two boxes without crossing the labels of the boxes
// between them: side by side, it leaves by the top edge and runs in the gutter
// just above the row; otherwise it joins the facing edges.
const GUTTER = 6;

function route(from, to) {
  const a = center(from);
  const b = center(to);
  if (Math.abs(a.y - b.y) < 4) {
    const lane = Math.min(from.y, to.y) - GUTTER;
    return [{ x: a.x, y: from.y }, { x: a.x, y: lane }, { x: b.x, y: lane }, { x: b.x, y: to.y }];
  }
  const down = b.y > a.y;
  return [{ x: a.x, y: down ? from.y + from.h : from.y }, { x: b.x, y: down ? to.y : to.y + to.h }];
}

// Animate the messages of one delta, a little apart so a burst stays readable.
export function showMessages(layer, messages, boxes, componentEls) {
  messages.forEach((m, i) => {
    const from = boxes.get(m.source);
    const to = boxes.get(m.target);
    if (!from || !to) return;
    travel(layer, route(from, to), kindOf(m.source), i * 90);
    const target = componentEls.get(m.target);
    if (target) setTimeout(() => flag(target, "busy", 500), i * 90 + 600);
  });
}

// Heartbeats (Leases) and Event records are background noise, not steps: they
// keep the wires busy but never take the caption or the narration.
const BACKGROUND = new Set(["Lease", "Event"]);

export function isBackground(message) {
  return BACKGROUND.has(message.resource);
}

// Caption the newest message of a delta that is a step, not background noise.
export function captionFrom(el, messages) {
  setCaption(el, messages.filter((m) => !isBackground(m)).at(-1));
}

function setCaption(el, message) {
  if (!message?.text) return;
  el.textContent = message.text;
  el.title = `${message.source} → ${message.target}`;
  setAttrs(el, { "data-verb": message.verb || null });
}
