// Messages between components: whenever the engine reports one, a wire lights
// up between the two and a dot travels along it.

import { center } from "./layout.js";
import { flag, travel } from "./motion.js";
import { setAttrs } from "./svg.js";

function kindOf(source) {
  const name = source.split("/")[0];
  return `from-${name.replace(/[^a-z0-9-]/gi, "")}`;
}

// Animate the messages of one delta, a little apart so a burst stays readable.
export function showMessages(layer, messages, boxes, componentEls) {
  messages.forEach((m, i) => {
    const from = boxes.get(m.source);
    const to = boxes.get(m.target);
    if (!from || !to) return;
    travel(layer, center(from), center(to), kindOf(m.source), i * 90);
    const target = componentEls.get(m.target);
    if (target) setTimeout(() => flag(target, "busy", 500), i * 90 + 600);
  });
}

export function setCaption(el, message) {
  if (!message?.text) return;
  el.textContent = message.text;
  el.title = `${message.source} → ${message.target}`;
  setAttrs(el, { "data-verb": message.verb || null });
}
