// Wires the page together. htmx's ws extension owns the websocket: HTML frames
// are panel fragments it swaps in; JSON frames are ours, for the diagram.

import { ConsoleInput } from "./console.js";
import { Controls } from "./controls.js";
import { Details } from "./details.js";
import { Diagram } from "./diagram/diagram.js";
import { EtcdPanel } from "./etcd.js";
import { Narrator } from "./narrator.js";
import { Panels } from "./panels.js";
import { Stream } from "./stream.js";
import { Tabs } from "./tabs.js";
import { Timeline } from "./timeline.js";
import { Zoom } from "./zoom.js";
import { t } from "./words.js";

const app = document.getElementById("app");
const linkState = document.getElementById("link-state");
const stream = new Stream();
const narrator = new Narrator(document.getElementById("narration"));
const diagram = new Diagram(document.getElementById("diagram"), document.getElementById("caption"), (text) => narrator.say(text));
diagram.zoom = new Zoom(document.getElementById("diagram"), document.getElementById("zoom"));
const details = new Details(document.getElementById("details"), diagram);
const etcd = new EtcdPanel(document.getElementById("etcd-tab"));
const controls = new Controls(app);
const timeline = new Timeline(document.getElementById("timeline"));
// For tests and for the curious, from the browser console.
window.pilothouse = { diagram, details, etcd, timeline };
const panels = new Panels();
new Tabs(document.getElementById("side-tabs"));
new ConsoleInput(document.getElementById("console-form"));

// Reconnects resume from the last delta applied (see consumers.py).
window.htmx.createWebSocket = (url) => new WebSocket(stream.resumeUrl(url));

function setLink(state, text) {
  app.dataset.link = state;
  linkState.textContent = text;
}

const handlers = {
  snapshot(frame) {
    if (stream.stream && frame.stream !== stream.stream) diagram.forget();
    stream.reset(frame);
    diagram.load(frame.cluster);
    etcd.load(frame.cluster);
    controls.show(frame);
    timeline.load(frame);
    details.refresh();
    setLink("live", t("live", "Live"));
  },
  delta(frame) {
    if (!stream.accept(frame)) return;
    diagram.apply(frame.events, frame.time);
    etcd.apply(frame.events);
    controls.fromDelta(frame);
    timeline.fromDelta(frame);
    details.refresh();
    setLink("live", t("live", "Live"));
  },
  clock(frame) {
    controls.show(frame);
    timeline.at(frame.time);
    diagram.tick(frame.time);
  },
  error(frame) {
    console.info("pilothouse:", frame.message);
  },
};

app.addEventListener("htmx:wsBeforeMessage", (event) => {
  const text = event.detail.message;
  if (typeof text !== "string" || !text.startsWith("{")) return;
  event.preventDefault();
  const frame = JSON.parse(text);
  handlers[frame.t]?.(frame);
});
app.addEventListener("htmx:wsAfterMessage", () => panels.settle());
app.addEventListener("htmx:wsOpen", () => setLink("syncing", t("syncing", "Syncing…")));
app.addEventListener("htmx:wsClose", () => setLink("down", t("reconnecting", "Reconnecting…")));

// The language switch posts on change; its button is there for keyboards and
// for pages without scripts.
document.getElementById("language")?.addEventListener("change", (e) => e.target.form.requestSubmit());
