"""What the workload kinds share: a selector, a pod template, a generation.

Messages follow ``pkg/apis/apps/validation`` and ``pkg/apis/batch/validation``
(v1.35); complex values print as JSON, as ``field.Error`` renders them since
apimachinery v0.33.
"""

from __future__ import annotations

from typing import Any

from cluster.api import defaults, labelselector, names
from cluster.api.errors import FieldError, GoRepr, invalid, required, unsupported
from cluster.api.validation import validate_metadata, validate_pod_spec

Obj = dict[str, Any]
IMMUTABLE = "field is immutable"
MISMATCH = "`selector` does not match template `labels`"


def default_template(obj: Obj) -> None:
    spec = obj.setdefault("spec", {})
    template = spec.setdefault("template", {})
    template.setdefault("metadata", {})
    defaults.default_pod_template(template)


def start_generation(obj: Obj, status: Obj) -> None:
    """PrepareForCreate: generation 1, the status the API server starts with."""
    obj["metadata"]["generation"] = 1
    obj["status"] = status


def validate_meta(obj: Obj) -> list[FieldError]:
    return validate_metadata(obj, names.dns1123_subdomain, namespaced=True)


def selector_errors(spec: Obj, empty_detail: str) -> list[FieldError]:
    """A required, non-empty, well-formed ``spec.selector``."""
    selector = spec.get("selector")
    if selector is None:
        return [required("spec.selector")]
    errors = _expression_errors(selector)
    if not errors and labelselector.is_empty(selector):
        errors.append(invalid("spec.selector", _json(selector), empty_detail))
    return errors


def template_errors(spec: Obj, restart_policies: list[str]) -> list[FieldError]:
    """The template matches the selector and is a valid pod template."""
    template = spec.get("template") or {}
    labels = (template.get("metadata") or {}).get("labels")
    errors: list[FieldError] = []
    selector = spec.get("selector")
    # A nil selector is labels.Nothing(): it matches no template.
    if selector is None or not labelselector.matches(selector, labels):
        shown = GoRepr("null" if labels is None else labelselector.json_map(labels))
        errors.append(invalid("spec.template.metadata.labels", shown, MISMATCH))
    pod_spec = template.get("spec") or {}
    errors += validate_pod_spec(pod_spec, "spec.template.spec")
    policy = pod_spec.get("restartPolicy")
    if policy in ("Always", "OnFailure", "Never") and policy not in restart_policies:
        errors.append(
            unsupported("spec.template.spec.restartPolicy", policy, restart_policies)
        )
    return errors


def nonnegative(value: Any, field: str) -> list[FieldError]:
    if isinstance(value, int) and value < 0:
        return [invalid(field, value, "must be greater than or equal to 0")]
    return []


def immutable_selector(old: Obj, new: Obj) -> list[FieldError]:
    before, after = old["spec"].get("selector"), new["spec"].get("selector")
    if before == after:
        return []
    return [invalid("spec.selector", _json(after), IMMUTABLE)]


def _json(selector: Obj | None) -> GoRepr:
    return GoRepr(labelselector.json_selector(selector))


def _expression_errors(selector: Obj) -> list[FieldError]:
    errors: list[FieldError] = []
    for i, expr in enumerate(selector.get("matchExpressions") or []):
        where = f"spec.selector.matchExpressions[{i}]"
        op, values = expr.get("operator"), expr.get("values") or []
        if op not in labelselector.OPERATORS:
            errors.append(
                invalid(f"{where}.operator", op, "not a valid selector operator")
            )
        elif op in ("In", "NotIn") and not values:
            errors.append(
                required(
                    f"{where}.values",
                    "must be specified when `operator` is 'In' or 'NotIn'",
                )
            )
        elif op in ("Exists", "DoesNotExist") and values:
            errors.append(
                FieldError(
                    f"{where}.values",
                    "Forbidden",
                    None,
                    "may not be specified when `operator` is 'Exists' or "
                    "'DoesNotExist'",
                )
            )
    return errors
