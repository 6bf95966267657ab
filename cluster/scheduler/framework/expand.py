"""Which plugin runs at which extension point, and with which weight
(``framework/runtime/framework.go``: updatePluginList,
expandMultiPointPlugins, getScoreWeights).

Plugins named at an extension point come first (errors if unknown, if they do
not implement the point, or if named twice); then each multiPoint plugin goes
to every point it implements, unless disabled there (or everything is, with
"*"). A plugin named both ways keeps its explicit place. A Score weight set
at the score point beats multiPoint's; 0 means 1.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from cluster.scheduler.framework import interface as ifc
from cluster.scheduler.profile import PluginSet, PluginSpec, Profile

# getExtensionPoints' order: it decides which error a bad name gets first.
POINTS: tuple[tuple[str, str, Any], ...] = (
    ("preFilter", "PreFilterPlugin", ifc.PreFilterPlugin),
    ("filter", "FilterPlugin", ifc.FilterPlugin),
    ("postFilter", "PostFilterPlugin", ifc.PostFilterPlugin),
    ("reserve", "ReservePlugin", ifc.ReservePlugin),
    ("preScore", "PreScorePlugin", ifc.PreScorePlugin),
    ("score", "ScorePlugin", ifc.ScorePlugin),
    ("preBind", "PreBindPlugin", ifc.PreBindPlugin),
    ("bind", "BindPlugin", ifc.BindPlugin),
    ("postBind", "PostBindPlugin", ifc.PostBindPlugin),
    ("permit", "PermitPlugin", ifc.PermitPlugin),
    ("preEnqueue", "PreEnqueuePlugin", ifc.PreEnqueuePlugin),
    ("queueSort", "QueueSortPlugin", ifc.QueueSortPlugin),
)


def needed(profile: Profile) -> list[str]:
    """pluginsNeeded: every plugin enabled anywhere, in first-seen order."""
    names = [s.name for s in profile.plugins]
    for point, _, _ in POINTS:
        names += [s.name for s in profile.points.get(point, PluginSet()).enabled]
    return list(dict.fromkeys(names))


def expand(
    profile: Profile, plugins: Mapping[str, Any], absent: Collection[str] = ()
) -> dict[str, list[str]]:
    """Point -> plugin names in run order. ValueError with Go's message."""
    explicit = {p: _explicit(profile, p, t, c, plugins, absent) for p, t, c in POINTS}
    return {
        point: _with_multi_point(
            profile, point, kind, protocol, plugins, absent, explicit[point]
        )
        for point, kind, protocol in POINTS
    }


def _explicit(
    profile: Profile,
    point: str,
    kind: str,
    protocol: Any,
    plugins: Mapping[str, Any],
    absent: Collection[str],
) -> list[str]:
    """updatePluginList for the plugins named at this point."""
    found: list[str] = []
    for spec in profile.points.get(point, PluginSet()).enabled:
        if spec.name in absent:
            continue
        if spec.name not in plugins:
            raise ValueError(f'{kind} "{spec.name}" does not exist')
        if not isinstance(plugins[spec.name], protocol):
            raise ValueError(f'plugin "{spec.name}" does not extend {kind} plugin')
        if spec.name in found:
            raise ValueError(f'plugin "{spec.name}" already registered as "{kind}"')
        found.append(spec.name)
    return found


def _with_multi_point(
    profile: Profile,
    point: str,
    kind: str,
    protocol: Any,
    plugins: Mapping[str, Any],
    absent: Collection[str],
    explicit: list[str],
) -> list[str]:
    """expandMultiPointPlugins for one point."""
    disabled = set(profile.points.get(point, PluginSet()).disabled)
    if "*" in disabled:
        return explicit
    overrides: list[str] = []
    multi: list[str] = []
    for spec in profile.plugins:
        if spec.name in absent:
            continue
        if spec.name not in plugins:
            raise ValueError(f'{kind} "{spec.name}" does not exist')
        if not isinstance(plugins[spec.name], protocol) or spec.name in disabled:
            continue
        if spec.name in explicit:
            overrides.append(spec.name)
        elif spec.name in multi:
            raise ValueError(f'plugin "{spec.name}" already registered as "{kind}"')
        else:
            multi.append(spec.name)
    first = [n for n in explicit if n in overrides]
    return first + multi + [n for n in explicit if n not in overrides]


def score_weights(profile: Profile, score_plugins: list[str]) -> dict[str, int]:
    """getScoreWeights over score.enabled then multiPoint: first one wins."""
    weights: dict[str, int] = {}
    specs: list[PluginSpec] = [
        *profile.points.get("score", PluginSet()).enabled,
        *profile.plugins,
    ]
    for spec in specs:
        if spec.name in score_plugins and spec.name not in weights:
            weights[spec.name] = spec.weight or 1
    return weights
