// A live text log of what the diagram shows, for screen readers
// (aria-live="polite"). Sentences that arrive together are read together, and
// only the latest few are kept so the region stays small.

const KEEP = 12;
const GATHER_MS = 400;

export class Narrator {
  constructor(el) {
    this.el = el;
    this.pending = [];
    this.timer = null;
  }

  say(text) {
    if (!text || this.pending.at(-1) === text) return;
    this.pending.push(text);
    this.timer ??= setTimeout(() => this.flush(), GATHER_MS);
  }

  flush() {
    this.timer = null;
    const p = document.createElement("p");
    p.textContent = this.pending.slice(-16).join(" ");
    this.pending = [];
    this.el.append(p);
    while (this.el.childElementCount > KEEP) this.el.firstElementChild.remove();
  }
}
