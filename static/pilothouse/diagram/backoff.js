// CrashLoopBackOff as the kubelet reports it: the waiting message names the
// delay ("back-off 20s restarting failed container=..."), and the delay runs
// from the container's last termination. Pure functions; no DOM.

const UNITS = { h: 3600, m: 60, s: 1, ms: 0.001 };

// Go's time.Duration text ("10s", "1m20s", "5m0s") in seconds, or null.
export function goDuration(text) {
  const parts = [...String(text).matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (!parts.length) return null;
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNITS[unit], 0);
}

// The back-off a pod is in: {container, delay, until} or null.
export function backoffOf(pod) {
  for (const c of pod.containers || []) {
    if (c.reason !== "CrashLoopBackOff") continue;
    const match = /back-off (\S+)/.exec(c.message || "");
    const delay = match ? goDuration(match[1]) : null;
    if (!delay || typeof c.lastFinished !== "number") continue;
    return { container: c.name, delay, until: c.lastFinished + delay };
  }
  return null;
}

// How much of the delay is left at simulated time `now`, 0..1.
export function remaining(backoff, now) {
  return Math.max(0, Math.min(1, (backoff.until - now) / backoff.delay));
}

// The last exit a pod's containers reported: {reason, exitCode, at} or null.
export function lastExit(pod) {
  let found = null;
  for (const c of pod.containers || []) {
    const at = c.state === "terminated" ? null : c.lastFinished;
    const reason = c.state === "terminated" ? c.reason : c.lastReason;
    const code = c.state === "terminated" ? c.exitCode : c.lastExitCode;
    if (reason && (!found || (at ?? Infinity) > (found.at ?? -1))) found = { reason, exitCode: code, at };
  }
  return found;
}
