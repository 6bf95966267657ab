from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from visual.lib.diagram_words import diagram_words
from visual.simhost.journal import SPEEDS
from visual.simhost.models import SimCluster
from visual.simhost.store import parse_key

SESSION_KEY = "cluster"


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Your sandbox cluster: the one this browser had, or a new one."""
    key = request.session.get(SESSION_KEY)
    pk = parse_key(key) if isinstance(key, str) else None
    row = SimCluster.objects.filter(pk=pk).first() if pk else None
    return redirect("front:cluster", cluster_id=(row or _new(request)).id)


@require_POST
def new_cluster(request: HttpRequest) -> HttpResponse:
    """Start over with a fresh sandbox."""
    return redirect("front:cluster", cluster_id=_new(request).id)


@require_safe
def cluster(request: HttpRequest, cluster_id: uuid.UUID) -> HttpResponse:
    row = get_object_or_404(SimCluster, pk=cluster_id)
    request.session[SESSION_KEY] = row.key
    context = {
        "cluster": row,
        "ui_text": ui_text(),
        "socket_url": f"/ws/clusters/{row.id}/",
        "speeds": [(f"{speed:g}", speed == row.speed) for speed in SPEEDS],
    }
    return render(request, "front/cluster.html", context)


def ui_text() -> dict[str, object]:
    """Words the diagram scripts show, translated here like the templates.

    Keys match the ``t(key, english)`` calls in ``static/pilothouse``; braces
    mark values the scripts fill in.
    """
    return {
        "backoffLeft": _("restart in {left}s of {delay}s"),
        "chosen": _("chosen"),
        "console": _("your console"),
        "controlPlane": _("control plane"),
        "diagramSummary": _(
            "Cluster diagram: {nodes} nodes, {pods} pods ({running} running)"
        ),
        "endpointsReady": _("endpoints ready"),
        "etcdDelete": _("✕ delete"),
        "etcdKeys": _("{count} keys"),
        "etcdMore": _("+{count} older keys not shown"),
        "etcdPut": _("✎ put"),
        "etcdWatchedBy": _("watch delivered to {names}"),
        "exit": _("exit"),
        "lastExit": _("last exit"),
        "live": _("Live"),
        "more": _("more"),
        "morePods": _("more pods"),
        "noDecision": _("No scheduling decision recorded on this page for this pod."),
        "noEndpoints": _("no endpoints"),
        "node": _("node"),
        "nodeCol": _("Node"),
        "notReady": _("not ready"),
        "onNode": _(" on {node}"),
        "pod": _("pod"),
        "podGone": _("This pod no longer exists."),
        "podNotScheduled": _("not scheduled yet"),
        "podOn": _("on {node}"),
        "ready": _("ready"),
        "readyCol": _("Ready"),
        "reconnecting": _("Reconnecting…"),
        "restarts": _("restarts"),
        "restartsCol": _("Restarts"),
        "saysBound": _("The scheduler chose {node} for pod {pod}."),
        "saysNode": _("Node {name} is {status}."),
        "saysPod": _("Pod {name} is {status}{where}."),
        "saysPodGone": _("Pod {name} was deleted."),
        "saysRestart": _("Pod {name} restarted its container (restart {restarts})."),
        "saysTraffic": _(
            "A request to service {service} went through kube-proxy on {node} "
            "to pod {pod}."
        ),
        "saysUnschedulable": _("Pod {pod} cannot be scheduled: {message}"),
        "score": _("score"),
        "service": _("Service"),
        "status": _("Status"),
        "syncing": _("Syncing…"),
        "taints": _("taints"),
        "timelineAt": _("{time} of {head}"),
        "timelineBranch": _("a new command starts a new timeline here"),
        "timelineGoing": _("Rebuilding the cluster as it was at {time}…"),
        "timelineLater": _("{count} later commands will run again"),
        "timelineNoLater": _("no later commands"),
        "timelinePast": _("Back in time"),
        "total": _("Total"),
        "unscheduled": _("Unscheduled"),
        "unscheduledHint": _("Pending pods wait here"),
        "verdictCol": _("Filter / score per plugin (× weight)"),
        "whyHere": _("Why here?"),
        "winner": _("Winner"),
        **diagram_words(),
        "roles": {
            "kube-apiserver": _("API server"),
            "etcd": _("cluster store"),
            "kube-scheduler": _("scheduler"),
            "kube-controller-manager": _("controller manager"),
            "kubelet": _("node agent"),
            "kube-proxy": _("service proxy"),
            "containerd": _("container runtime"),
        },
    }


def _new(request: HttpRequest) -> SimCluster:
    row = SimCluster.objects.create(seed=0)
    request.session[SESSION_KEY] = row.key
    return row
