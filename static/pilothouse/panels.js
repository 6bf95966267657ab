// The server renders the panels; here we only keep them tidy: cap the event
// log and keep both scrolled to the newest line unless the reader scrolled up.

const MAX_EVENT_ROWS = 300;

function nearBottom(el) {
  return el.scrollHeight - el.scrollTop - el.clientHeight < 40;
}

export class Panels {
  constructor() {
    this.events = document.getElementById("events-scroll");
    this.rows = document.getElementById("event-rows");
    this.console = document.getElementById("console-log");
    this.pinned = { events: true, console: true };
    this.events.addEventListener("scroll", () => (this.pinned.events = nearBottom(this.events)));
    this.console.addEventListener("scroll", () => (this.pinned.console = nearBottom(this.console)));
  }

  // Called after htmx has swapped in new fragments.
  settle() {
    // The placeholders only stand in for content; drop them once it arrives.
    if (this.console.querySelector(".entry")) this.console.querySelector(".hint")?.remove();
    if (this.rows.children.length > 1) this.rows.querySelector(".ev-empty")?.remove();
    while (this.rows.children.length > MAX_EVENT_ROWS) this.rows.firstElementChild.remove();
    if (this.pinned.events) this.events.scrollTop = this.events.scrollHeight;
    if (this.pinned.console) this.console.scrollTop = this.console.scrollHeight;
  }
}
