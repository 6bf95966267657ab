// A tab list (WAI-ARIA tabs pattern): click or arrow keys switch the panel;
// only the selected tab is in the Tab order.

export class Tabs {
  constructor(list) {
    this.tabs = [...list.querySelectorAll('[role="tab"]')];
    list.addEventListener("click", (e) => {
      const tab = e.target.closest('[role="tab"]');
      if (tab) this.select(tab);
    });
    list.addEventListener("keydown", (e) => this.key(e));
  }

  key(e) {
    const i = this.tabs.indexOf(document.activeElement);
    if (i < 0) return;
    const n = this.tabs.length;
    const to = { ArrowRight: i + 1, ArrowLeft: i - 1 + n, Home: 0, End: n - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    const tab = this.tabs[to % n];
    this.select(tab);
    tab.focus();
  }

  select(chosen) {
    for (const tab of this.tabs) {
      const on = tab === chosen;
      tab.setAttribute("aria-selected", String(on));
      tab.tabIndex = on ? 0 : -1;
      document.getElementById(tab.getAttribute("aria-controls")).hidden = !on;
    }
  }
}
