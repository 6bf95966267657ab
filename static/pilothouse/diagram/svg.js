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

// A glyph's width in ems: CJK (and other wide) characters take a full em.
function ems(char) {
  return char.codePointAt(0) >= 0x2e80 ? 1 : 0.6;
}

// The width of `text` without laying it out, for layouts that must not measure.
export function estimateWidth(text, fontSize) {
  let width = 0;
  for (const char of text) width += ems(char) * fontSize;
  return width;
}

// SVG text does not ellipsize; cut by an estimate of the glyph widths instead.
export function fit(text, width, fontSize) {
  if (estimateWidth(text, fontSize) <= width) return text;
  let used = fontSize * 0.6; // the ellipsis
  let out = "";
  for (const char of text) {
    used += ems(char) * fontSize;
    if (used > width && out.length >= 2) break;
    out += char;
  }
  return `${out}…`;
}

// The rendered width of an SVG text (CJK glyphs are twice as wide as the
// estimate), or the estimate when the element is not laid out yet.
export function textWidth(el, guess) {
  try {
    return el.getComputedTextLength() || guess;
  } catch {
    return guess;
  }
}

export function setText(el, content) {
  if (el.textContent !== content) el.textContent = content;
}
