"""cli-runtime's ``PrintFlags`` for commands that print objects they acted on
(``wait``, ``events``): which ``-o`` formats exist, and its error."""

from __future__ import annotations

from cluster.kubectl.errors import KubectlError

# PrintFlags.AllowedFormats as NoCompatiblePrinterError prints them: sorted.
ALLOWED = (
    "go-template",
    "go-template-file",
    "json",
    "jsonpath",
    "jsonpath-as-json",
    "jsonpath-file",
    "kyaml",
    "name",
    "template",
    "templatefile",
    "yaml",
)


def check_output(output: str, simulated: tuple[str, ...]) -> str:
    """``output`` if this cluster prints it; kubectl's error if no printer
    matches; a plain "not yet" for real formats not simulated."""
    if output in simulated:
        return output
    if output.partition("=")[0] not in ALLOWED:
        raise KubectlError(
            f'unable to match a printer suitable for the output format "{output}", '
            f"allowed formats are: {','.join(ALLOWED)}"
        )
    raise KubectlError(
        f'output format "{output}" is not supported by this simulated cluster yet'
    )
