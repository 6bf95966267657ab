"""An in-memory netfilter ruleset: tables of chains of rules, each rule the
argument list kube-proxy hands to iptables-restore (after ``-A CHAIN``)."""

from __future__ import annotations

from dataclasses import dataclass, field

Rule = tuple[str, ...]
BUILTINS = {
    "mangle": ("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"),
    "filter": ("INPUT", "FORWARD", "OUTPUT"),
    "nat": ("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"),
}
TABLE_ORDER = ("mangle", "filter", "nat")


@dataclass
class Table:
    name: str
    chains: dict[str, list[Rule]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for chain in BUILTINS[self.name]:
            self.chains.setdefault(chain, [])

    def chain(self, name: str) -> list[Rule]:
        return self.chains.setdefault(name, [])

    def add(self, chain: str, *args: str) -> None:
        self.chain(chain).append(tuple(args))

    def user_chains(self) -> list[str]:
        return sorted(c for c in self.chains if c not in BUILTINS[self.name])


@dataclass
class Ruleset:
    tables: dict[str, Table] = field(
        default_factory=lambda: {name: Table(name) for name in TABLE_ORDER}
    )

    def __getitem__(self, name: str) -> Table:
        return self.tables[name]

    def rules(self, table: str, chain: str) -> list[Rule]:
        return self.tables[table].chains.get(chain, [])
