"""``resource.Quantity`` as apimachinery parses and prints it.

Values are exact ``Decimal``s rounded up to the nano; the canonical string keeps
the parsed format (binary, decimal or exponent) and uses the largest suffix
that leaves no fractional digits: ``1.5`` prints ``1500m``, ``1024Mi`` ``1Gi``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext

QUANTITY_PATTERN = r"^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$"
FORMAT_ERROR = f"quantities must match the regular expression '{QUANTITY_PATTERN}'"

_BINARY = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_DECIMAL = {
    "n": -9,
    "u": -6,
    "m": -3,
    "": 0,
    "k": 3,
    "M": 6,
    "G": 9,
    "T": 12,
    "P": 15,
    "E": 18,
}
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)$")
_EXPONENT = re.compile(r"^[eE]([+-]?\d+)$")
_MAX = Decimal(2**63 - 1)
_NANO = Decimal("1e-9")


class QuantityError(ValueError):
    """A string that is not a Kubernetes quantity."""


@dataclass(frozen=True)
class Quantity:
    value: Decimal  # exact, in base units (cores, bytes)
    format: str  # "BinarySI" | "DecimalSI" | "DecimalExponent"

    def milli(self) -> int:
        """MilliValue(): thousandths, rounded away from zero."""
        return _round_up(self.value * 1000)

    def whole(self) -> int:
        """Value(): whole units, rounded away from zero."""
        return _round_up(self.value)

    def __str__(self) -> str:
        return canonical(self)


def parse_quantity(text: str | int | float) -> Quantity:
    """Parse ``500m``, ``1Gi``, ``1e3``...; raise QuantityError as apimachinery does."""
    if isinstance(text, bool):
        raise QuantityError(FORMAT_ERROR)
    if isinstance(text, int | float):
        text = repr(text) if isinstance(text, float) else str(text)
    match = re.match(QUANTITY_PATTERN, text)
    if not match or not _NUMBER.match(match.group(1)):
        raise QuantityError(FORMAT_ERROR)
    number, suffix = match.groups()
    scale, fmt = _suffix(suffix)
    with localcontext() as ctx:
        ctx.prec = 60
        value = Decimal(number) * scale
        value = value.quantize(
            _NANO, rounding=ROUND_CEILING if value > 0 else ROUND_FLOOR
        )
    return Quantity(max(min(value, _MAX), -_MAX), fmt)


def canonical(q: Quantity) -> str:
    """String() of a Quantity: the form kubectl shows back."""
    if (
        q.format == "BinarySI"
        and abs(q.value) >= 1024
        and q.value == q.value.to_integral()
    ):
        return _binary_string(int(q.value))
    if q.format == "DecimalExponent":
        mantissa, exp = _decimal_parts(q.value)
        return f"{mantissa}e{exp}" if exp else str(mantissa)
    mantissa, exp = _decimal_parts(q.value)
    suffix = {v: k for k, v in _DECIMAL.items()}[exp]
    return f"{mantissa}{suffix}"


def canonical_text(text: str | int | float) -> str:
    """The canonical string of a quantity, as the API server stores it back."""
    return canonical(parse_quantity(text))


def cpu_millis(text: str | int | float) -> int:
    return parse_quantity(text).milli()


def byte_value(text: str | int | float) -> int:
    return parse_quantity(text).whole()


def _suffix(suffix: str) -> tuple[Decimal, str]:
    if suffix in _BINARY:
        return Decimal(2 ** _BINARY[suffix]), "BinarySI"
    if suffix in _DECIMAL:
        return Decimal(10) ** _DECIMAL[suffix], "DecimalSI"
    exponent = _EXPONENT.match(suffix)
    if exponent:
        return Decimal(10) ** int(exponent.group(1)), "DecimalExponent"
    raise QuantityError(FORMAT_ERROR)


def _binary_string(value: int) -> str:
    for suffix, power in sorted(_BINARY.items(), key=lambda kv: -kv[1]):
        if value % (1 << power) == 0:
            return f"{value >> power}{suffix}"
    return str(value)


def _decimal_parts(value: Decimal) -> tuple[int, int]:
    """The integer mantissa and largest exponent (a multiple of 3) keeping it whole."""
    if value == 0:
        return 0, 0
    for exp in range(18, -10, -3):
        scaled = value.scaleb(-exp)
        if scaled == scaled.to_integral():
            return int(scaled), exp
    return int(value.scaleb(9)), -9


def _round_up(value: Decimal) -> int:
    return int(
        value.to_integral_value(rounding=ROUND_CEILING if value > 0 else ROUND_FLOOR)
    )
