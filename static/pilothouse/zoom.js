// Zoom and pan for the diagram: the layout sets the whole picture's viewBox
// (`fit`), and this module shows a part of it. Buttons and keys (+, -, 0 on
// the focused diagram, arrows to pan when zoomed), Ctrl+wheel, and drag.

const STEP = 1.4;
const MAX = 8;

export class Zoom {
  constructor(root, controls) {
    this.root = root;
    this.full = null;
    this.scale = 1;
    this.center = null;
    controls.querySelector("[data-zoom=in]").addEventListener("click", () => this.by(STEP));
    controls.querySelector("[data-zoom=out]").addEventListener("click", () => this.by(1 / STEP));
    controls.querySelector("[data-zoom=fit]").addEventListener("click", () => this.reset());
    root.addEventListener("wheel", (e) => this.wheel(e), { passive: false });
    root.addEventListener("pointerdown", (e) => this.drag(e));
    root.addEventListener("keydown", (e) => this.key(e));
  }

  // The layout drew a new picture of this size.
  fit(width, height) {
    this.full = { width, height };
    this.center ??= { x: width / 2, y: height / 2 };
    this.apply();
  }

  reset() {
    this.scale = 1;
    this.center = this.full ? { x: this.full.width / 2, y: this.full.height / 2 } : null;
    this.apply();
  }

  by(factor, at = null) {
    if (!this.full) return;
    this.scale = Math.min(MAX, Math.max(1, this.scale * factor));
    if (at) this.center = at;
    if (this.scale === 1) this.center = { x: this.full.width / 2, y: this.full.height / 2 };
    this.apply();
  }

  pan(dx, dy) {
    this.center = { x: this.center.x + dx, y: this.center.y + dy };
    this.apply();
  }

  apply() {
    if (!this.full) return;
    const w = this.full.width / this.scale;
    const h = this.full.height / this.scale;
    const x = Math.min(Math.max(0, this.center.x - w / 2), this.full.width - w);
    const y = Math.min(Math.max(0, this.center.y - h / 2), this.full.height - h);
    this.center = { x: x + w / 2, y: y + h / 2 };
    this.root.setAttribute("viewBox", `${x} ${y} ${w} ${h}`);
    this.root.dataset.zoom = this.scale.toFixed(2);
  }

  // Where a pointer event is, in diagram coordinates.
  point(e) {
    const m = this.root.getScreenCTM();
    if (!m) return null;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  }

  wheel(e) {
    if (!e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    this.by(e.deltaY < 0 ? 1.15 : 1 / 1.15, this.point(e));
  }

  drag(e) {
    if (this.scale === 1 || e.target.closest('[data-kind="pod"]')) return;
    const start = this.point(e);
    const move = (ev) => {
      const p = this.point(ev);
      if (start && p) this.pan(start.x - p.x, start.y - p.y);
    };
    const up = () => window.removeEventListener("pointermove", move);
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up, { once: true });
  }

  key(e) {
    if (e.target.closest?.("input, textarea, select")) return;
    const step = this.full ? this.full.width / this.scale / 8 : 0;
    const keys = {
      "+": () => this.by(STEP), "=": () => this.by(STEP), "-": () => this.by(1 / STEP), "0": () => this.reset(),
      ArrowLeft: () => this.pan(-step, 0), ArrowRight: () => this.pan(step, 0),
      ArrowUp: () => this.pan(0, -step), ArrowDown: () => this.pan(0, step),
    };
    if (!keys[e.key] || (e.key.startsWith("Arrow") && this.scale === 1)) return;
    e.preventDefault();
    keys[e.key]();
  }
}
