// Where this page is in its cluster's stream of deltas, so that a dropped
// websocket resumes from the last delta it applied: nothing lost, nothing twice.

export class Stream {
  constructor() {
    this.stream = "";
    this.seq = -1;
  }

  // The websocket URL to (re)connect with, carrying our position if we have one.
  resumeUrl(url) {
    if (!this.stream) return url;
    const u = new URL(url, window.location.href);
    u.searchParams.set("stream", this.stream);
    u.searchParams.set("since", String(this.seq));
    return u.toString();
  }

  reset(frame) {
    this.stream = frame.stream;
    this.seq = frame.seq;
  }

  // Whether a delta is the next one; the server already guarantees this, so a
  // false here means a bug, and skipping is the safe reaction.
  accept(frame) {
    if (frame.stream !== this.stream || frame.seq !== this.seq + 1) {
      console.warn("pilothouse: out-of-order delta", frame.stream, frame.seq, this.seq);
      return false;
    }
    this.seq = frame.seq;
    return true;
  }
}
