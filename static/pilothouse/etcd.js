// The etcd panel: keys under /registry/ with their mod revision, newest change
// first, lit up as they change, with chips naming the components each change's
// watch reached. One row per key, created once and updated in place; only the
// newest MAX_ROWS are in the page, the rest are counted.

import { fill, t } from "./words.js";

const MAX_ROWS = 200;
const MAX_CHIPS = 6;
const FLASH_MS = 1800;

// "/registry/pods/default/web" → {plural: "pods", rest: "default/web"}
function parts(key) {
  const path = key.slice("/registry/".length).split("/");
  return { plural: path[0], ref: path.slice(-2).join("/"), name: path.at(-1) };
}

function kindMatches(plural, kind) {
  const stem = String(kind || "").toLowerCase().replace(/(y|s)$/, "");
  return plural.startsWith(stem);
}

export class EtcdPanel {
  constructor(root) {
    this.rows = root.querySelector("#etcd-rows");
    this.revisionEl = root.querySelector("#etcd-revision");
    this.countEl = root.querySelector("#etcd-count");
    this.moreEl = root.querySelector("#etcd-more");
    this.noteEl = root.querySelector("#etcd-note");
    this.keys = new Map(); // key → {revision, op, chips: Set, el}
    this.byName = new Map(); // name → keys last changed, for watch deliveries
    this.untracked = 0; // keys the snapshot counted but did not send
    this.revision = 0;
    this.live = 0; // keys that exist now, counted as they come and go
    this.timers = new Map();
  }

  // Start over from a snapshot's cluster state.
  load(state) {
    this.keys.clear();
    this.byName.clear();
    this.rows.replaceChildren();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    const etcd = state.etcd;
    this.revision = etcd?.revision ?? state.revision ?? 0;
    this.noteEl.hidden = Boolean(etcd);
    if (etcd) {
      // Newest first; append in that order so the first rows are the newest.
      for (const [key, revision] of etcd.keys) this.keys.set(key, { revision, op: "put", chips: new Set(), el: null });
      for (const key of [...this.keys.keys()].slice(0, MAX_ROWS)) this.rows.append(this.row(key));
      this.untracked = Math.max(0, etcd.total - etcd.keys.length);
    }
    this.live = this.keys.size + this.untracked;
    this.showCounts();
  }

  // Apply one delta's events: etcd writes, then the watch deliveries they caused.
  apply(events) {
    let changed = false;
    for (const event of events) {
      if (event.type === "etcd") changed = this.write(event) || changed;
      else if (event.type === "message" && event.verb === "watch" && event.source === "kube-apiserver") this.delivered(event);
    }
    if (changed) this.showCounts();
  }

  write(event) {
    if (typeof event.key !== "string" || !event.key.startsWith("/registry/")) return false;
    const entry = this.keys.get(event.key) ?? { op: "delete", chips: new Set(), el: null };
    this.live += (event.op === "delete" ? 0 : 1) - (entry.op === "delete" ? 0 : 1);
    Object.assign(entry, { revision: event.revision, op: event.op });
    entry.chips.clear();
    this.keys.set(event.key, entry);
    this.revision = Math.max(this.revision, event.revision);
    const name = parts(event.key).name;
    const recent = (this.byName.get(name) ?? []).filter((k) => k !== event.key);
    this.byName.set(name, [event.key, ...recent].slice(0, 8));
    const el = this.row(event.key);
    this.rows.prepend(el);
    this.flash(event.key, el);
    this.trim();
    return true;
  }

  delivered(event) {
    const ref = event.namespace ? `${event.namespace}/${event.name}` : event.name;
    const key = (this.byName.get(event.name) ?? []).find((k) => {
      const p = parts(k);
      return kindMatches(p.plural, event.resource) && (p.ref === ref || p.name === ref);
    });
    const entry = key && this.keys.get(key);
    if (!entry || entry.chips.has(event.target)) return;
    entry.chips.add(event.target);
    if (entry.el) this.drawChips(entry);
  }

  // The row for ``key``, made once and brought up to date.
  row(key) {
    const entry = this.keys.get(key);
    if (!entry.el) {
      const tr = document.createElement("tr");
      tr.dataset.key = key;
      tr.innerHTML = '<td class="etcd-rev"></td><td class="etcd-op"></td><td class="etcd-key"><code></code><span class="chips"></span></td>';
      const code = tr.querySelector("code");
      code.textContent = key;
      code.title = key;
      entry.el = tr;
    }
    const tr = entry.el;
    tr.dataset.revision = String(entry.revision);
    tr.dataset.op = entry.op;
    tr.cells[0].textContent = String(entry.revision);
    tr.cells[1].textContent = entry.op === "delete" ? t("etcdDelete", "✕ delete") : t("etcdPut", "✎ put");
    this.drawChips(entry);
    return tr;
  }

  drawChips(entry) {
    const box = entry.el.querySelector(".chips");
    const names = [...entry.chips];
    const shown = names.slice(0, MAX_CHIPS).map((name) => {
      const chip = document.createElement("span");
      chip.className = "chip";
      chip.textContent = name;
      return chip;
    });
    if (names.length > MAX_CHIPS) shown.push(Object.assign(document.createElement("span"), { className: "chip more", textContent: `+${names.length - MAX_CHIPS}` }));
    box.replaceChildren(...shown);
    box.setAttribute("aria-label", names.length ? fill(t("etcdWatchedBy", "watch delivered to {names}"), { names: names.join(", ") }) : "");
  }

  flash(key, el) {
    el.classList.remove("lit");
    void el.offsetWidth; // restart the animation
    el.classList.add("lit");
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => (el.classList.remove("lit"), this.timers.delete(key)), FLASH_MS));
  }

  // Keep at most MAX_ROWS rows in the page; the rest are only counted.
  trim() {
    while (this.rows.children.length > MAX_ROWS) {
      const last = this.rows.lastElementChild;
      last.remove();
      const entry = this.keys.get(last.dataset.key);
      if (entry) entry.el = null;
    }
  }

  showCounts() {
    const hidden = this.keys.size + this.untracked - this.rows.children.length;
    this.revisionEl.textContent = String(this.revision);
    this.countEl.textContent = fill(t("etcdKeys", "{count} keys"), { count: this.live });
    this.moreEl.hidden = hidden <= 0;
    this.moreEl.textContent = fill(t("etcdMore", "+{count} older keys not shown"), { count: hidden });
  }
}
