// Pod details on click or Enter: its status and containers, and "why here?"
// from the scheduler's recorded decision — the nodes filtered out with the
// plugin and reason, the score per plugin with its weight, the total, the
// winner. Built with textContent only: object names are user input.

import { backoffOf } from "./diagram/backoff.js";
import { t } from "./words.js";

// The default profile's score weights (default_plugins.go), used when the
// event does not carry the weights of the profile that ran.
const DEFAULT_WEIGHTS = {
  TaintToleration: 3, NodeAffinity: 2, PodTopologySpread: 2, InterPodAffinity: 2,
  NodeResourcesFit: 1, NodeResourcesBalancedAllocation: 1, ImageLocality: 1, VolumeBinding: 1,
};

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

function row(term, value) {
  return [el("dt", {}, term), el("dd", {}, String(value ?? "—"))];
}

export class Details {
  constructor(panel, diagram) {
    this.panel = panel;
    this.body = panel.querySelector(".details-body");
    this.title = panel.querySelector("#details-title");
    this.diagram = diagram;
    this.uid = null;
    this.opener = null;
    panel.querySelector(".details-close").addEventListener("click", () => this.close());
    panel.addEventListener("keydown", (e) => e.key === "Escape" && this.close());
    const svgRoot = diagram.root;
    svgRoot.addEventListener("click", (e) => this.pick(e.target));
    svgRoot.addEventListener("keydown", (e) => {
      if (e.key !== "Enter" && e.key !== " ") return;
      if (this.pick(e.target)) e.preventDefault();
    });
  }

  pick(target) {
    const g = target.closest?.('[data-kind="pod"]');
    if (!g) return false;
    this.open(g.dataset.uid, g);
    return true;
  }

  open(uid, opener) {
    this.uid = uid;
    this.opener = opener;
    this.panel.hidden = false;
    this.refresh();
    this.title.focus();
  }

  close() {
    this.panel.hidden = true;
    this.uid = null;
    this.opener?.focus();
  }

  // Redraw with the latest state (after every delta while open).
  refresh() {
    if (!this.uid) return;
    const pod = this.diagram.podByUid(this.uid);
    if (!pod) {
      this.title.textContent = t("podGone", "This pod no longer exists.");
      this.body.replaceChildren();
      return;
    }
    this.title.textContent = `pod/${pod.name}`;
    this.body.replaceChildren(this.facts(pod), this.containers(pod), this.whyHere(pod));
  }

  facts(pod) {
    const b = backoffOf(pod);
    const left = b ? Math.max(0, Math.ceil(b.until - this.diagram.now)) : null;
    return el(
      "dl", { class: "facts" },
      ...row(t("status", "Status"), pod.status),
      ...row(t("readyCol", "Ready"), pod.ready),
      ...row(t("restartsCol", "Restarts"), pod.restarts),
      ...row(t("nodeCol", "Node"), pod.node || t("podNotScheduled", "not scheduled yet")),
      ...row("IP", pod.ip),
      ...(b ? row("CrashLoopBackOff", t("backoffLeft", "restart in {left}s of {delay}s").replace("{left}", left).replace("{delay}", b.delay)) : []),
    );
  }

  containers(pod) {
    const list = el("ul", { class: "containers" });
    for (const c of pod.containers || []) {
      const last = c.lastReason ? ` · ${t("lastExit", "last exit")}: ${c.lastReason} (${c.lastExitCode})` : "";
      list.append(el("li", {}, `${c.ready ? "✓" : "✕"} ${c.name}: ${c.state}${c.reason ? ` (${c.reason})` : ""} · ↻${c.restarts}${last}`));
    }
    return list;
  }

  whyHere(pod) {
    const section = el("section", { class: "why", "aria-labelledby": "why-title" },
      el("h3", { id: "why-title" }, t("whyHere", "Why here?")));
    const d = this.diagram.decisionFor(pod);
    if (!d) {
      section.append(el("p", { class: "muted" }, t("noDecision", "No scheduling decision recorded on this page for this pod.")));
      return section;
    }
    section.append(el("p", { class: d.node ? "verdict good" : "verdict bad" },
      d.node ? `✓ ${t("winner", "Winner")}: ${d.node}` : `⚠ FailedScheduling: ${d.message}`));
    section.append(this.table(d));
    return section;
  }

  table(d) {
    const weights = d.weights || DEFAULT_WEIGHTS;
    const scored = Object.entries(d.scores || {});
    const max = Math.max(1, ...scored.flatMap(([, s]) => Object.entries(s).filter(([k]) => k !== "total").map(([, v]) => v)));
    const table = el("table", { class: "why-table" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t("nodeCol", "Node")),
        el("th", { scope: "col" }, t("verdictCol", "Filter / score per plugin (× weight)")),
        el("th", { scope: "col" }, t("total", "Total")))));
    const body = el("tbody");
    for (const [node, reason] of Object.entries(d.filtered || {}).sort()) {
      body.append(el("tr", { class: "filtered", "data-node": node }, el("th", { scope: "row" }, `✕ ${node}`),
        el("td", {}, String(reason)), el("td", {}, "—")));
    }
    for (const [node, scores] of scored.sort((a, b) => b[1].total - a[1].total)) {
      const bars = el("div", { class: "bars" });
      for (const [plugin, value] of Object.entries(scores)) {
        if (plugin === "total") continue;
        const bar = el("span", { class: "bar", style: `width:${Math.round((value / max) * 100)}%` });
        bars.append(el("div", { class: "bar-row" }, el("span", { class: "plugin" }, `${plugin} ×${weights[plugin] ?? "?"}`),
          el("span", { class: "bar-track" }, bar), el("span", { class: "num" }, String(value))));
      }
      const win = node === d.node;
      body.append(el("tr", { class: win ? "winner" : "scored", "data-node": node },
        el("th", { scope: "row" }, `${win ? "✓ " : ""}${node}`), el("td", {}, bars), el("td", { class: "num" }, String(scores.total))));
    }
    table.append(body);
    return table;
  }
}
