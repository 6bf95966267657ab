"""``-o custom-columns``, ``custom-columns-file`` and ``--sort-by``."""

from __future__ import annotations

from pathlib import Path

import pytest

from cluster.engine import Cluster, ClusterConfig
from cluster.kubectl.printers.templates import relaxed_jsonpath

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: {name}
  labels: {{app: {name}}}
spec:
  containers:
  - name: c
    image: nginx:{tag}
    resources: {{requests: {{cpu: {cpu}}}}}
"""


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Cluster:
    base = tmp_path_factory.mktemp("cols")
    (base / "cols.txt").write_text(
        "NAME   IMAGE\n.metadata.name  {.spec.containers[0].image}\n"
    )
    cluster = Cluster(ClusterConfig(seed=1, base_dir=base))
    for name, tag, cpu in (
        ("web", "1.27", "500m"),
        ("db", "1.26", "1"),
        ("api", "1.25", "100m"),
    ):
        cluster.execute("kubectl apply -f -", POD.format(name=name, tag=tag, cpu=cpu))
    cluster.advance(30)
    return cluster


CASES = [
    (
        "spec",
        "kubectl get pods -o "
        "custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image",
        "NAME   IMAGE\napi    nginx:1.25\ndb     nginx:1.26\nweb    nginx:1.27",
    ),
    (
        "no-headers",
        "kubectl get pods --no-headers -o custom-columns=NAME:metadata.name",
        "api\ndb\nweb",
    ),
    (
        "missing-is-none",
        "kubectl get pod web -o custom-columns=NAME:{.metadata.name},X:.spec.nothing",
        "NAME   X\nweb    <none>",
    ),
    (
        "map-as-go",
        "kubectl get pod web -o custom-columns=L:.metadata.labels",
        "L\nmap[app:web]",
    ),
    (
        "file",
        "kubectl get pods -o custom-columns-file=cols.txt",
        "NAME   IMAGE\napi    nginx:1.25\ndb     nginx:1.26\nweb    nginx:1.27",
    ),
    (
        "no-columns",
        "kubectl get pods -o custom-columns=",
        "error: custom-columns format specified but no custom columns given",
    ),
    (
        "bad-spec",
        "kubectl get pods -o custom-columns=NAME",
        "error: unexpected custom-columns spec: NAME, expected "
        "<header>:<json-path-expr>",
    ),
    (
        "bad-path",
        "kubectl get pods -o custom-columns=NAME:{{.x}}",
        "error: unexpected path string, expected a 'name1.name2' or "
        "'.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    ),
    (
        "missing-file",
        "kubectl get pods -o custom-columns-file=nope",
        "error: error reading template nope, open nope: no such file or directory",
    ),
    (
        "sort-by-quantity",
        "kubectl get pods --sort-by=.spec.containers[0].resources.requests.cpu "
        "-o custom-columns=N:.metadata.name --no-headers",
        "api\nweb\ndb",
    ),
    (
        "sort-by-table",
        "kubectl get pods --sort-by={.spec.containers[0].image} --no-headers -o wide",
        None,
    ),
    (
        "sort-by-missing",
        "kubectl get pods --sort-by=.nope",
        'error: couldn\'t find any field with path "{.nope}" in the list of objects',
    ),
]


@pytest.mark.parametrize(
    ("line", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_custom_columns(cluster: Cluster, line: str, expected: str | None) -> None:
    output = cluster.execute(line).output
    if expected is None:
        assert [row.split()[0] for row in output.splitlines()] == ["api", "db", "web"]
    else:
        assert output == expected


def test_sort_by_table_keeps_the_columns(cluster: Cluster) -> None:
    rows = cluster.execute("kubectl get pods --sort-by=.metadata.labels.app").output
    assert [r.split()[0] for r in rows.splitlines()] == ["NAME", "api", "db", "web"]


RELAXED = [
    ("bare", "metadata.name", "{.metadata.name}"),
    ("dot", ".metadata.name", "{.metadata.name}"),
    ("braces", "{metadata.name}", "{.metadata.name}"),
    ("full", "{.metadata.name}", "{.metadata.name}"),
]


@pytest.mark.parametrize(
    ("given", "expected"), [c[1:] for c in RELAXED], ids=[c[0] for c in RELAXED]
)
def test_relaxed_jsonpath(given: str, expected: str) -> None:
    assert relaxed_jsonpath(given) == expected


def test_file_needs_two_lines(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("NAME\n")
    cluster = Cluster(ClusterConfig(seed=1, base_dir=tmp_path))
    assert cluster.execute(
        "kubectl get nodes -o custom-columns-file=one.txt"
    ).output == (
        "error: invalid template, missing spec line. Expected format is one line "
        "of space separated headers, one line of space separated column specs."
    )
