"""Jobs (batch/v1): ``SetDefaults_Job``, ``ValidateJob`` and the registry
strategy, which generates the selector and the pod labels from the Job's UID
(``generateSelector``) unless ``manualSelector`` is set.

batch/v1 keeps the old default garbage-collection policy: a DELETE that
names none orphans the pods (kubectl always asks for Background).
"""

from __future__ import annotations

import json
from typing import Any

from cluster.api.errors import FieldError, GoRepr, invalid, unsupported
from cluster.api.kinds import workload
from cluster.api.strategy import Strategy

Obj = dict[str, Any]
JOB_NAME = "batch.kubernetes.io/job-name"
CONTROLLER_UID = "batch.kubernetes.io/controller-uid"
LEGACY_JOB_NAME = "job-name"
LEGACY_CONTROLLER_UID = "controller-uid"
COMPLETION_MODES = ["NonIndexed", "Indexed"]


def default(job: Obj) -> None:
    spec = job.setdefault("spec", {})
    if spec.get("completions") is None and spec.get("parallelism") is None:
        spec["completions"] = 1
    spec.setdefault("parallelism", 1)
    spec.setdefault("backoffLimit", 6)
    spec.setdefault("completionMode", "NonIndexed")
    spec.setdefault("suspend", False)
    spec.setdefault("manualSelector", False)
    replace = "Failed" if spec.get("podFailurePolicy") else "TerminatingOrFailed"
    spec.setdefault("podReplacementPolicy", replace)
    workload.default_template(job)


def validate(job: Obj) -> list[FieldError]:
    spec = job.get("spec", {})
    errors = workload.validate_meta(job)
    for field in ("parallelism", "completions", "backoffLimit"):
        errors += workload.nonnegative(spec.get(field), f"spec.{field}")
    errors += _selector_errors(spec)
    if spec.get("completionMode") not in COMPLETION_MODES:
        errors.append(
            unsupported(
                "spec.completionMode", spec.get("completionMode"), COMPLETION_MODES
            )
        )
    return errors


def validate_update(old: Obj, new: Obj) -> list[FieldError]:
    errors = workload.immutable_selector(old, new)
    before, after = old["spec"], new["spec"]
    if before.get("completions") != after.get("completions"):
        errors.append(
            invalid("spec.completions", after.get("completions"), workload.IMMUTABLE)
        )
    if before.get("template") != after.get("template"):
        shown = GoRepr(json.dumps(after.get("template"), separators=(",", ":")))
        errors.append(invalid("spec.template", shown, workload.IMMUTABLE))
    return errors


def prepare_for_create(job: Obj) -> None:
    workload.start_generation(job, {})
    if not job["spec"].get("manualSelector"):
        _generate_selector(job)
    meta = job["metadata"]
    labels = job["spec"]["template"]["metadata"].get("labels")
    if labels and not meta.get("labels"):
        # SetDefaults_Job, applied again when the stored Job is read back.
        meta["labels"] = dict(labels)


def _generate_selector(job: Obj) -> None:
    meta, spec = job["metadata"], job["spec"]
    labels = spec["template"]["metadata"].setdefault("labels", {})
    for key in (LEGACY_JOB_NAME, JOB_NAME):
        labels.setdefault(key, meta["name"])
    for key in (LEGACY_CONTROLLER_UID, CONTROLLER_UID):
        labels.setdefault(key, meta["uid"])
    selector = spec.get("selector") or {}
    selector.setdefault("matchLabels", {}).setdefault(CONTROLLER_UID, meta["uid"])
    spec["selector"] = selector


def _selector_errors(spec: Obj) -> list[FieldError]:
    if spec.get("manualSelector"):
        errors = workload.selector_errors(spec, "empty selector is invalid for job")
        return errors + workload.template_errors(spec, ["OnFailure", "Never"])
    errors = []
    if spec.get("selector") is not None:
        errors.append(
            invalid(
                "spec.selector",
                GoRepr(json.dumps(spec["selector"], separators=(",", ":"))),
                "`selector` not auto-generated",
            )
        )
    # The generated selector matches the labels it generates, so only the
    # pod template itself is checked here.
    matching = {**spec, "selector": {}}
    return errors + workload.template_errors(matching, ["OnFailure", "Never"])


STRATEGY = Strategy(
    default=default,
    validate=validate,
    validate_update=validate_update,
    prepare_for_create=prepare_for_create,
    tracks_generation=True,
    default_gc_policy="Orphan",
)
