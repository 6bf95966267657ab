// What the diagram animates, in words: one sentence per step that matters (a
// pod changing state, a node going down, the scheduler's choice, a crash),
// handed to `say` (narrator.js puts it in an aria-live region).

import { fill, t } from "../words.js";
import { isBackground } from "./messages.js";
import { preemptionText } from "./preemption.js";



export class Narration {
  constructor(say) {
    this.said = 0;
    this.say = (text) => {
      this.said += 1;
      say(text);
    };
  }

  change(kind, before, after) {
    if (kind === "Pod") this.pod(before, after);
    else if (kind === "Node" && after && before?.status !== after.status) {
      this.say(fill(t("saysNode", "Node {name} is {status}."), after));
    }
  }

  pod(before, after) {
    if (!after) {
      if (before) this.say(fill(t("saysPodGone", "Pod {name} was deleted."), before));
      return;
    }
    if (before && after.restarts > (before.restarts || 0)) {
      this.say(fill(t("saysRestart", "Pod {name} restarted its container (restart {restarts})."), after));
    } else if (before?.status !== after.status) {
      const where = after.node ? fill(t("onNode", " on {node}"), after) : "";
      this.say(fill(t("saysPod", "Pod {name} is {status}{where}."), { ...after, where }));
    }
  }

  schedule(event) {
    const pod = String(event.pod).split("/").pop();
    if (event.victims?.length) this.say(preemptionText(event));
    else if (event.node) this.say(fill(t("saysBound", "The scheduler chose {node} for pod {pod}."), { pod, node: event.node }));
    else this.say(fill(t("saysUnschedulable", "Pod {pod} cannot be scheduled: {message}"), { pod, message: event.message }));
  }

  // A delta's last message, when nothing more telling was said about it.
  // Heartbeats (Leases) and Event records are background noise, not steps.
  messages(list, saidBefore) {
    if (this.said > saidBefore) return;
    const last = list.filter((m) => m.text && !isBackground(m)).at(-1);
    if (last) this.say(last.text);
  }

  traffic(event) {
    this.say(fill(t("saysTraffic", "A request to service {service} went through kube-proxy on {node} to pod {pod}."), event));
  }
}
