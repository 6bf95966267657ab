// Small helpers for building SVG by hand: no framework, no bundler.

const NS = "http://www.w3.org/2000/svg";

// Only touch attributes that change: a write, even of the same value, makes
// the browser recompute styles, and with 1,000 pods that is every frame.
export function setAttrs(el, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) {
      if (el.hasAttribute(name)) el.removeAttribute(name);
    } else {
      const text = String(value);
      if (el.getAttribute(name) !== text) el.setAttribute(name, text);
    }
  }
  return el;
}

export function svg(tag, attrs = {}, parent = null) {
  const el = setAttrs(document.createElementNS(NS, tag), attrs);
  if (parent) parent.appendChild(el);
  return el;
}

export function label(parent, attrs, content) {
  const el = svg("text", attrs, parent);
  el.textContent = content;
  return el;
}

// SVG text does not ellipsize; cut by an estimate of the glyph width instead.
export function fit(text, width, fontSize) {
  const max = Math.max(3, Math.floor(width / (fontSize * 0.6)));
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function setText(el, content) {
  if (el.textContent !== content) el.textContent = content;
}
