"""Strict decoding of a KubeSchedulerConfiguration document: unknown fields
and wrong types are errors, as with kube-scheduler's strict codec."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Obj = dict[str, Any]
GROUP_VERSION = "kubescheduler.config.k8s.io/v1"
KIND = "KubeSchedulerConfiguration"
POINT_NAMES = (
    "preEnqueue",
    "queueSort",
    "preFilter",
    "filter",
    "postFilter",
    "preScore",
    "score",
    "reserve",
    "permit",
    "preBind",
    "bind",
    "postBind",
    "multiPoint",
)
_TOP = {
    "apiVersion",
    "kind",
    "parallelism",
    "leaderElection",
    "clientConnection",
    "enableProfiling",
    "enableContentionProfiling",
    "percentageOfNodesToScore",
    "podInitialBackoffSeconds",
    "podMaxBackoffSeconds",
    "profiles",
    "extenders",
    "delayCacheUntilActive",
}
_PROFILE = {"schedulerName", "percentageOfNodesToScore", "plugins", "pluginConfig"}


class ConfigError(ValueError):
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class PluginSetConfig:
    enabled: list[Obj] = field(default_factory=list)  # {name, weight?}
    disabled: list[str] = field(default_factory=list)


@dataclass
class ProfileConfig:
    scheduler_name: str | None = None
    percentage_of_nodes_to_score: int | None = None
    plugins: dict[str, PluginSetConfig] = field(default_factory=dict)
    plugin_config: list[tuple[str, Obj]] = field(default_factory=list)


@dataclass
class SchedulerConfig:
    parallelism: int | None = None
    percentage_of_nodes_to_score: int | None = None
    pod_initial_backoff_seconds: int | None = None
    pod_max_backoff_seconds: int | None = None
    profiles: list[ProfileConfig] = field(default_factory=list)
    extenders: list[Obj] = field(default_factory=list)


def decode(doc: Obj) -> SchedulerConfig:
    if not isinstance(doc, dict):
        raise ConfigError(["couldn't decode as KubeSchedulerConfiguration"])
    version = doc.get("apiVersion", GROUP_VERSION)
    if version != GROUP_VERSION or doc.get("kind", KIND) != KIND:
        raise ConfigError(
            [f'no kind "{doc.get("kind", KIND)}" is registered for version "{version}"']
        )
    unknown = _unknown(doc, _TOP, "")
    profiles = doc.get("profiles") or []
    for i, profile in enumerate(profiles if isinstance(profiles, list) else []):
        unknown += _profile_unknown(profile, f"profiles[{i}]")
    if unknown:
        raise ConfigError(
            [
                "strict decoding error: "
                + ", ".join(f'unknown field "{u}"' for u in unknown)
            ]
        )
    return SchedulerConfig(
        _int(doc, "parallelism"),
        _int(doc, "percentageOfNodesToScore"),
        _int(doc, "podInitialBackoffSeconds"),
        _int(doc, "podMaxBackoffSeconds"),
        [_profile(p) for p in profiles],
        list(doc.get("extenders") or []),
    )


def _profile_unknown(profile: Any, path: str) -> list[str]:
    if not isinstance(profile, dict):
        return []
    found = _unknown(profile, _PROFILE, path)
    plugins = profile.get("plugins") or {}
    found += _unknown(plugins, set(POINT_NAMES), f"{path}.plugins")
    for point in POINT_NAMES:
        pset = plugins.get(point) or {}
        where = f"{path}.plugins.{point}"
        found += _unknown(pset, {"enabled", "disabled"}, where)
        for key in ("enabled", "disabled"):
            for j, plugin in enumerate(pset.get(key) or []):
                found += _unknown(plugin, {"name", "weight"}, f"{where}.{key}[{j}]")
    for j, entry in enumerate(profile.get("pluginConfig") or []):
        found += _unknown(entry, {"name", "args"}, f"{path}.pluginConfig[{j}]")
    return found


def _unknown(obj: Any, allowed: set[str], path: str) -> list[str]:
    if not isinstance(obj, dict):
        return []
    prefix = f"{path}." if path else ""
    return [prefix + str(k) for k in obj if k not in allowed]


def _profile(spec: Obj) -> ProfileConfig:
    plugins = spec.get("plugins") or {}
    return ProfileConfig(
        spec.get("schedulerName"),
        _int(spec, "percentageOfNodesToScore"),
        {
            point: _plugin_set(plugins.get(point) or {})
            for point in POINT_NAMES
            if point in plugins
        },
        [
            (str(e.get("name", "")), dict(e.get("args") or {}))
            for e in spec.get("pluginConfig") or []
        ],
    )


def _plugin_set(spec: Obj) -> PluginSetConfig:
    enabled = [
        {"name": str(p.get("name", "")), "weight": _weight(p)}
        for p in spec.get("enabled") or []
    ]
    return PluginSetConfig(
        enabled, [str(p.get("name", "")) for p in spec.get("disabled") or []]
    )


def _weight(plugin: Obj) -> int:
    value = plugin.get("weight", 0)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(
            [
                f"json: cannot unmarshal {_json_type(value)} into Go struct field "
                "Plugin.profiles.plugins.enabled.weight of type int32"
            ]
        )
    return value


def _int(obj: Obj, key: str) -> int | None:
    value = obj.get(key)
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise ConfigError(
        [
            f"json: cannot unmarshal {_json_type(value)} into Go struct "
            f"field .{key} of type int32"
        ]
    )


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "number"
