"""v1 defaulting (``SetDefaults_KubeSchedulerConfiguration``,
``mergePlugins``): one default-scheduler profile when none is given; each
profile's plugins merged into the default ones; args for every enabled
plugin that has them."""

from __future__ import annotations

from cluster.scheduler.config import args as plugin_args
from cluster.scheduler.config.decode import (
    PluginSetConfig,
    ProfileConfig,
    SchedulerConfig,
)
from cluster.scheduler.profile import DEFAULT_PLUGINS, DEFAULT_SCHEDULER_NAME

DEFAULT_PARALLELISM = 16
DEFAULT_INITIAL_BACKOFF = 1
DEFAULT_MAX_BACKOFF = 10


def set_defaults(config: SchedulerConfig) -> None:
    if config.parallelism is None:
        config.parallelism = DEFAULT_PARALLELISM
    if config.percentage_of_nodes_to_score is None:
        config.percentage_of_nodes_to_score = 0
    if config.pod_initial_backoff_seconds is None:
        config.pod_initial_backoff_seconds = DEFAULT_INITIAL_BACKOFF
    if config.pod_max_backoff_seconds is None:
        config.pod_max_backoff_seconds = DEFAULT_MAX_BACKOFF
    if not config.profiles:
        config.profiles = [ProfileConfig()]
    for profile in config.profiles:
        _profile_defaults(profile)


def _profile_defaults(profile: ProfileConfig) -> None:
    if profile.scheduler_name is None:
        profile.scheduler_name = DEFAULT_SCHEDULER_NAME
    default_multi = PluginSetConfig(
        [{"name": p.name, "weight": p.weight} for p in DEFAULT_PLUGINS], []
    )
    profile.plugins["multiPoint"] = merge(
        default_multi, profile.plugins.get("multiPoint")
    )
    configured = {name for name, _ in profile.plugin_config}
    profile.plugin_config = [
        (name, plugin_args.defaulted(name, args))
        for name, args in profile.plugin_config
    ]
    for name in enabled_names(profile):
        if plugin_args.has_args(name) and name not in configured:
            profile.plugin_config.append((name, plugin_args.defaulted(name, {})))


def merge(default: PluginSetConfig, custom: PluginSetConfig | None) -> PluginSetConfig:
    """mergePluginSet: defaults in place (re-configured ones replaced where
    they stand) unless disabled, then the other custom plugins."""
    custom = custom or PluginSetConfig()
    disabled = list(custom.disabled) + list(default.disabled)
    by_name = {p["name"]: i for i, p in enumerate(custom.enabled)}
    enabled, replaced = [], set()
    if "*" not in disabled:
        for plugin in default.enabled:
            if plugin["name"] in disabled:
                continue
            index = by_name.get(plugin["name"])
            if index is not None:
                plugin = custom.enabled[index]
                replaced.add(index)
            enabled.append(plugin)
    enabled += [p for i, p in enumerate(custom.enabled) if i not in replaced]
    return PluginSetConfig(enabled, disabled)


def enabled_names(profile: ProfileConfig) -> list[str]:
    names: list[str] = []
    for pset in profile.plugins.values():
        names += [p["name"] for p in pset.enabled if p["name"] not in names]
    return names
