"""``kubectl get`` columns for ResourceQuotas, PriorityClasses, Leases and
PodDisruptionBudgets (printers.go). ResourceQuota's AGE moved last in v1.33."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cluster.api.quantity import QuantityError, parse_quantity
from cluster.kubectl.printers.columns import AGE, NAME, Column

Obj = dict[str, Any]


def quota_amount(value: Any) -> str:
    """``Quantity.String()``; a zero prints ``0``."""
    try:
        amount = parse_quantity(value if value is not None else "0")
    except QuantityError:
        return str(value)
    return "0" if amount.value == 0 else str(amount)


def _quota_column(limits: bool) -> Any:
    def cell(rq: Obj, now: datetime) -> str:
        status = rq.get("status", {})
        hard, used = status.get("hard") or {}, status.get("used") or {}
        parts = [
            f"{name}: {quota_amount(used.get(name))}/{quota_amount(hard[name])}"
            for name in sorted(hard)
            if name.startswith("limits.") == limits
        ]
        return ", ".join(parts)

    return cell


RESOURCEQUOTA_COLUMNS: tuple[Column, ...] = (
    NAME,
    Column("REQUEST", _quota_column(False)),
    Column("LIMIT", _quota_column(True)),
    AGE,
)

PRIORITYCLASS_COLUMNS: tuple[Column, ...] = (
    NAME,
    Column("VALUE", lambda pc, now: str(pc.get("value", 0))),
    Column(
        "GLOBAL-DEFAULT",
        lambda pc, now: "true" if pc.get("globalDefault") else "false",
    ),
    AGE,
    Column("PREEMPTIONPOLICY", lambda pc, now: str(pc.get("preemptionPolicy", ""))),
)

LEASE_COLUMNS: tuple[Column, ...] = (
    NAME,
    Column("HOLDER", lambda ls, now: str(ls.get("spec", {}).get("holderIdentity", ""))),
    AGE,
)


def _budget(key: str) -> Any:
    def cell(pdb: Obj, now: datetime) -> str:
        value = pdb.get("spec", {}).get(key)
        return "N/A" if value is None else str(value)

    return cell


PODDISRUPTIONBUDGET_COLUMNS: tuple[Column, ...] = (
    NAME,
    Column("MIN AVAILABLE", _budget("minAvailable")),
    Column("MAX UNAVAILABLE", _budget("maxUnavailable")),
    Column(
        "ALLOWED DISRUPTIONS",
        lambda p, now: str(p.get("status", {}).get("disruptionsAllowed", 0)),
    ),
    AGE,
)
