// The console: one command line, an optional stdin buffer, and a history.

const READS_STDIN = /(^|\s)(-f|--filename)(=|\s+)-(\s|$)/;

export class ConsoleInput {
  constructor(form) {
    this.form = form;
    this.line = form.querySelector("input[name=line]");
    this.stdin = document.getElementById("stdin-editor");
    this.history = [];
    this.cursor = 0;
    form.addEventListener("htmx:wsConfigSend", (e) => this.configure(e));
    form.addEventListener("htmx:wsAfterSend", () => this.sent());
    this.line.addEventListener("keydown", (e) => this.recall(e));
    this.stdin.addEventListener("keydown", (e) => this.submitOnCtrlEnter(e));
  }

  // Send stdin only to commands that read it, as a shell would.
  configure(event) {
    const params = event.detail.parameters;
    const line = String(params.line || "");
    if (!READS_STDIN.test(line)) delete params.stdin;
    delete event.detail.headers; // the host has no use for htmx's request headers
  }

  sent() {
    const line = this.line.value.trim();
    if (line && this.history.at(-1) !== line) this.history.push(line);
    this.cursor = this.history.length;
    this.line.value = "";
  }

  recall(event) {
    if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
    event.preventDefault();
    const step = event.key === "ArrowUp" ? -1 : 1;
    this.cursor = Math.min(this.history.length, Math.max(0, this.cursor + step));
    this.line.value = this.history[this.cursor] ?? "";
  }

  submitOnCtrlEnter(event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.form.requestSubmit();
    }
  }
}
