// Every animation goes through here, so reduced motion is honoured in one place.
// The Web Animations API only runs while something moves.

import { svg } from "./svg.js";

const query = window.matchMedia("(prefers-reduced-motion: reduce)");
const MAX_DOTS = 32;

export function reduced() {
  return query.matches;
}

// Put `el` at (x, y), gliding there from where it was unless told not to.
// Positions are compared as numbers kept on the element: the browser
// re-serializes style.transform, so comparing strings would restart the glide
// of every element on every redraw.
export function place(el, x, y, animate) {
  const rx = Math.round(x * 10) / 10;
  const ry = Math.round(y * 10) / 10;
  const from = el._at;
  if (from && from.x === rx && from.y === ry) return;
  el._at = { x: rx, y: ry };
  const to = `translate(${rx}px, ${ry}px)`;
  el.style.transform = to;
  if (!animate || !from || reduced()) return;
  el._glide?.cancel();
  el._glide = el.animate([{ transform: `translate(${from.x}px, ${from.y}px)` }, { transform: to }], {
    duration: 800,
    easing: "cubic-bezier(.25,.8,.25,1)",
  });
}

export function fadeIn(el) {
  if (reduced()) return;
  el.animate([{ opacity: 0 }, { opacity: 1 }], { duration: 400 });
}

export function fadeOut(el) {
  if (reduced()) {
    el.remove();
    return;
  }
  const run = el.animate([{ opacity: 1 }, { opacity: 0 }], { duration: 500, fill: "forwards" });
  run.onfinish = () => el.remove();
}

// A pod evicted for another: it stays a moment, marked, then slides out and
// fades. With reduced motion it stays the same moment and simply goes.
export function leave(el) {
  if (reduced()) {
    setTimeout(() => el.remove(), 900);
    return;
  }
  const at = el._at || { x: 0, y: 0 };
  const from = `translate(${at.x}px, ${at.y}px)`;
  const to = `translate(${at.x + 40}px, ${at.y}px)`;
  el._glide?.cancel();
  const run = el.animate(
    [{ transform: from, opacity: 1 }, { transform: from, opacity: 1, offset: 0.45 }, { transform: to, opacity: 0 }],
    { duration: 1600, easing: "ease-in", fill: "forwards" },
  );
  run.onfinish = () => el.remove();
}

// Mark `el` with `className` for a moment (a CSS rule draws the highlight).
export function flag(el, className, ms = 1400) {
  el.classList.add(className);
  clearTimeout(el[`_${className}`]);
  el[`_${className}`] = setTimeout(() => el.classList.remove(className), ms);
}

// A dot that travels along a briefly drawn wire: one message between components.
// `points` is the wire's route; the dot keeps an even speed along it.
export function travel(layer, points, className, delay) {
  if (reduced() || layer.childElementCount >= MAX_DOTS * 2) return;
  const route = points.map((p) => `${p.x},${p.y}`).join(" ");
  const wire = svg("polyline", { class: `wire ${className}`, points: route, fill: "none" }, layer);
  const shown = wire.animate([{ opacity: 0 }, { opacity: 1, offset: 0.2 }, { opacity: 1, offset: 0.8 }, { opacity: 0 }], {
    duration: 900, delay, fill: "both",
  });
  shown.onfinish = () => wire.remove();
  const dot = svg("circle", { r: 5, class: `dot ${className}` }, layer);
  const run = dot.animate(dotFrames(points), { duration: 700, delay, easing: "ease-in-out", fill: "both" });
  run.onfinish = () => dot.remove();
}

function dotFrames(points) {
  const lengths = points.map((p, i) => (i ? Math.hypot(p.x - points[i - 1].x, p.y - points[i - 1].y) : 0));
  const total = lengths.reduce((a, b) => a + b, 0) || 1;
  let walked = 0;
  return points.map((p, i) => {
    walked += lengths[i];
    const frame = { transform: `translate(${p.x}px, ${p.y}px)`, offset: walked / total };
    if (i === 0) frame.opacity = 0;
    if (i === points.length - 1) frame.opacity = 1;
    return frame;
  });
}
