// The timeline: the session from its start to the furthest moment it reached,
// with a mark for each command typed. Dragging scrubs: the host goes to each
// moment the thumb passes, one at a time (the next when the last one's
// snapshot has come back, so a long session scrubs coarser rather than
// queueing), and every page of the cluster redraws from a snapshot of it.
// Commands after that moment are hollow marks: playing on runs them again at
// their times; typing a new one replaces them.

import { formatTime } from "./controls.js";
import { fill, t } from "./words.js";

// Arrow keys fire a change per press; wait for the learner to stop.
const SETTLE_MS = 300;
// A seek whose snapshot has not come back by then is given up on.
const SEEK_TIMEOUT_MS = 15000;
// Closer than this to the furthest moment counts as "now".
const NOW_EPSILON = 0.05;

export class Timeline {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector("#timeline-form");
    this.range = root.querySelector("#timeline-range");
    this.end = root.querySelector("#timeline-head");
    this.marksEl = root.querySelector("#timeline-marks");
    this.note = root.querySelector("#timeline-note");
    this.now = root.querySelector("#timeline-now");
    this.time = 0;
    this.head = 0;
    this.marks = []; // [{time, line}] oldest first
    this.applied = 0; // marks that have run at this moment
    this.first = 0; // the journal index of marks[0]
    this.dragging = false;
    this.timer = 0;
    this.wanted = null; // the moment the learner points at, not yet asked for
    this.released = null; // where the last drag was let go
    this.sent = null; // the seek in flight
    this.inFlight = 0; // the timer of the seek awaiting its snapshot, if any
    this.range.addEventListener("input", () => this.preview());
    this.range.addEventListener("change", () => this.settle());
    this.range.addEventListener("pointerdown", () => { this.dragging = true; });
    this.range.addEventListener("pointerup", () => this.release());
    this.now.addEventListener("click", () => this.seek(this.head));
    // A mark goes to just before its command, even when others share its instant.
    this.marksEl.addEventListener("click", (e) => {
      const mark = e.target.closest(".tl-mark");
      if (mark) this.seek(Number(mark.dataset.time), Number(mark.dataset.entry));
    });
  }

  load(frame) {
    delete this.root.dataset.seeking;
    clearTimeout(this.inFlight);
    this.inFlight = 0;
    const landed = this.sent;
    this.sent = null;
    this.pump(landed);
    const { head, applied, first, marks } = frame.timeline;
    this.first = first;
    this.marks = marks.map(([time, line]) => ({ time, line }));
    this.applied = applied - first;
    this.head = head;
    this.drawMarks();
    this.at(frame.time);
  }

  fromDelta(frame) {
    for (const event of frame.events) {
      if (event.type === "timeline") this.branch(event);
      else if (event.type === "console") this.ran(event);
    }
    this.at(frame.time);
  }

  // A command ran: one of the journal's future (a replay), or a new one.
  ran(event) {
    if (event.replay) {
      this.applied = Math.min(this.applied + 1, this.marks.length);
    } else {
      this.marks.push({ time: event.time, line: event.line });
      this.applied = this.marks.length;
    }
    this.drawMarks();
  }

  // A command typed in the past: the later ones are gone.
  branch(event) {
    this.marks.length = Math.max(this.applied, 0);
    this.head = event.head;
    this.drawMarks();
  }

  at(time) {
    if (typeof time !== "number") return;
    this.time = time;
    this.head = Math.max(this.head, time);
    this.root.style.setProperty("--head", String(Math.max(this.head, 0.001)));
    this.end.textContent = formatTime(this.head);
    const past = this.head - time > NOW_EPSILON;
    this.root.dataset.past = String(past);
    this.now.hidden = !past;
    if (!this.root.dataset.seeking) this.note.textContent = past ? this.pastNote() : "";
    if (this.dragging || this.timer) return;
    this.range.max = String(this.head);
    this.range.value = String(time);
    this.describe(time);
  }

  pastNote() {
    const later = this.marks.length - this.applied;
    const replay = later ? fill(t("timelineLater", "{count} later commands will run again"), { count: later }) : t("timelineNoLater", "no later commands");
    return `${t("timelinePast", "Back in time")} · ${replay} · ${t("timelineBranch", "a new command starts a new timeline here")}`;
  }

  preview() {
    const time = Number(this.range.value);
    this.describe(time);
    if (this.dragging) this.want(time);
  }

  // A change without a pointer (the keyboard): wait for the presses to stop.
  settle() {
    if (this.dragging) {
      this.release(); // in case the pointer was let go outside the slider
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = 0;
      const time = Number(this.range.value);
      // The change that follows letting go of a drag: already asked for.
      if (time !== this.released) this.want(time);
      this.released = null;
    }, SETTLE_MS);
  }

  release() {
    this.dragging = false;
    this.released = Number(this.range.value);
    this.want(this.released);
  }

  seek(time, entry = null) {
    this.range.value = String(time);
    this.want(time, entry);
  }

  want(time, entry = null) {
    this.wanted = { time, entry };
    this.pump();
  }

  // One seek at a time: the newest wanted moment goes when the last has
  // landed, unless it is the one that just landed (a click is input then release).
  pump(landed = null) {
    if (this.inFlight || this.wanted === null) return;
    const { time, entry } = this.wanted;
    this.wanted = null;
    if (landed && landed.time === time && landed.entry === entry) return;
    this.sent = { time, entry };
    this.root.dataset.seeking = "true";
    this.note.textContent = fill(t("timelineGoing", "Rebuilding the cluster as it was at {time}…"), { time: formatTime(time) });
    this.inFlight = setTimeout(() => {
      this.inFlight = 0;
      this.sent = null;
      delete this.root.dataset.seeking;
      this.pump();
    }, SEEK_TIMEOUT_MS);
    // The form sends {"action": "seek", "time": …} through htmx's ws extension.
    this.form.elements.time.value = String(time);
    this.form.elements.entry.value = entry === null ? "" : String(entry);
    this.form.requestSubmit();
  }

  describe(time) {
    const text = fill(t("timelineAt", "{time} of {head}"), { time: formatTime(time), head: formatTime(this.head) });
    this.range.setAttribute("aria-valuetext", text);
  }

  drawMarks() {
    const box = this.marksEl;
    while (box.childElementCount > this.marks.length) box.lastElementChild.remove();
    this.marks.forEach((mark, i) => {
      let el = box.children[i];
      if (!el) {
        el = document.createElement("span");
        el.className = "tl-mark";
        box.append(el);
      }
      el.style.setProperty("--t", String(mark.time));
      el.dataset.time = String(mark.time);
      el.dataset.entry = String(this.first + i);
      el.title = `${formatTime(mark.time)}  $ ${mark.line}`;
      el.classList.toggle("future", i >= this.applied);
    });
  }
}
