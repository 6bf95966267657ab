// Time controls and the simulated clock.

export function formatTime(seconds) {
  const whole = Math.floor(seconds);
  const tenths = Math.floor((seconds - whole) * 10);
  const s = whole % 60;
  const m = Math.floor(whole / 60) % 60;
  const h = Math.floor(whole / 3600);
  const mm = h ? `${h}:${String(m).padStart(2, "0")}` : String(m);
  return `${mm}:${String(s).padStart(2, "0")}.${tenths}`;
}

export class Controls {
  constructor(root) {
    this.root = root;
    this.time = root.querySelector("#sim-time");
    this.play = root.querySelector("#ctl-play");
    this.pause = root.querySelector("#ctl-pause");
    this.speed = root.querySelector("#ctl-speed");
  }

  // From a snapshot, a clock tick, or a playback event in a delta.
  show({ time, paused, speed }) {
    if (typeof time === "number") this.time.textContent = formatTime(time);
    if (typeof paused === "boolean") {
      this.play.setAttribute("aria-pressed", String(!paused));
      this.pause.setAttribute("aria-pressed", String(paused));
      this.root.dataset.paused = String(paused);
    }
    if (typeof speed === "number" && document.activeElement !== this.speed) {
      this.speed.value = `${speed}`;
    }
  }

  fromDelta(frame) {
    this.show({ time: frame.time });
    for (const event of frame.events) if (event.type === "playback") this.show(event);
  }
}
