"""kubectl run (``pkg/cmd/run/run.go`` of v1.35): the Pod it builds, its
flags, ``--expose``, ``--overrides``, ``--dry-run=client``, and its errors."""

from __future__ import annotations

import json

import pytest

from cluster.console import CommandResult
from cluster.engine import Cluster
from tests.cluster import workloads as w


@pytest.fixture
def c() -> Cluster:
    return w.cluster()


def test_run_creates_a_pod_labelled_run_name(c: Cluster) -> None:
    assert w.run(c, "kubectl run nginx --image=nginx") == "pod/nginx created"
    pod = c.api.get("pods", "nginx", "default")
    assert pod["metadata"]["labels"] == {"run": "nginx"}
    container = pod["spec"]["containers"][0]
    assert (container["name"], container["image"]) == ("nginx", "nginx")
    assert pod["spec"]["restartPolicy"] == "Always"
    assert pod["spec"]["dnsPolicy"] == "ClusterFirst"
    c.advance(60)
    assert w.run(c, "kubectl get pod nginx").splitlines()[1].split()[:3] == [
        "nginx",
        "1/1",
        "Running",
    ]


def test_dry_run_client_prints_the_pod_kubectl_generates(c: Cluster) -> None:
    revision = c.store.revision
    assert w.run(c, "kubectl run nginx --image=nginx --dry-run=client -o yaml") == (
        "apiVersion: v1\n"
        "kind: Pod\n"
        "metadata:\n"
        "  labels:\n"
        "    run: nginx\n"
        "  name: nginx\n"
        "spec:\n"
        "  containers:\n"
        "  - image: nginx\n"
        "    name: nginx\n"
        "    resources: {}\n"
        "  dnsPolicy: ClusterFirst\n"
        "  restartPolicy: Always\n"
        "status: {}"
    )
    assert w.run(c, "kubectl run nginx --image=nginx --dry-run=client") == (
        "pod/nginx created (dry run)"
    )
    assert c.store.revision == revision


def test_json_output_keeps_the_typed_field_order(c: Cluster) -> None:
    output = w.run(
        c, "kubectl run web --image=nginx --port=80 --dry-run=client -o json"
    )
    assert output.splitlines()[:3] == [
        "{",
        '    "kind": "Pod",',
        '    "apiVersion": "v1",',
    ]
    container = json.loads(output)["spec"]["containers"][0]
    assert list(container) == ["name", "image", "ports", "resources"]


def test_flags_shape_the_container(c: Cluster) -> None:
    line = (
        "kubectl run hazelcast --image=hazelcast/hazelcast --port=5701 "
        "--env=DNS_DOMAIN=cluster --env=POD_NAMESPACE=default "
        "--labels=app=hazelcast,env=prod --annotations=team=a,b "
        "--image-pull-policy=IfNotPresent --privileged --restart=Never "
        "-- --verbose yes"
    )
    assert w.run(c, line) == "pod/hazelcast created"
    pod = c.api.get("pods", "hazelcast", "default")
    assert pod["metadata"]["labels"] == {"app": "hazelcast", "env": "prod"}
    assert pod["metadata"]["annotations"] == {"team": "a,b"}
    assert pod["spec"]["restartPolicy"] == "Never"
    container = pod["spec"]["containers"][0]
    assert container["env"] == [
        {"name": "DNS_DOMAIN", "value": "cluster"},
        {"name": "POD_NAMESPACE", "value": "default"},
    ]
    assert container["ports"] == [{"containerPort": 5701, "protocol": "TCP"}]
    assert container["args"] == ["--verbose", "yes"]
    assert "command" not in container
    assert container["imagePullPolicy"] == "IfNotPresent"
    assert container["securityContext"] == {"privileged": True}


def test_command_puts_the_words_in_command(c: Cluster) -> None:
    w.run(c, "kubectl run sleeper --image=busybox --command -- sleep 3600")
    container = c.api.get("pods", "sleeper", "default")["spec"]["containers"][0]
    assert (container["command"], "args" in container) == (["sleep", "3600"], False)


def test_namespace_flag(c: Cluster) -> None:
    w.run(c, "kubectl create namespace dev")
    assert w.run(c, "kubectl run web -n dev --image=nginx -o name") == "pod/web"
    assert c.api.get("pods", "web", "dev")["metadata"]["namespace"] == "dev"


def test_expose_creates_the_service_first(c: Cluster) -> None:
    assert w.run(c, "kubectl run web --image=nginx --port=80 --expose") == (
        "service/web created\npod/web created"
    )
    spec = c.api.get("services", "web", "default")["spec"]
    assert spec["selector"] == {"run": "web"}
    assert spec["ports"] == [{"port": 80, "protocol": "TCP", "targetPort": 80}]


def test_expose_dry_run_yaml_separates_the_objects_twice(c: Cluster) -> None:
    output = w.run(
        c, "kubectl run web --image=nginx --port=80 --expose --dry-run=client -o yaml"
    )
    service, _, pod = output.partition("\n---\n---\n")
    assert service.splitlines()[:2] == ["apiVersion: v1", "kind: Service"]
    assert service.endswith("status:\n  loadBalancer: {}")
    assert pod.splitlines()[:2] == ["apiVersion: v1", "kind: Pod"]


def test_a_failed_service_still_reports_the_pod(c: Cluster) -> None:
    w.run(c, "kubectl create service clusterip web --tcp=80")
    result = c.execute("kubectl run web --image=nginx --port=80 --expose")
    assert result == CommandResult(
        "pod/web created\n"
        'Error from server (AlreadyExists): services "web" already exists',
        False,
    )


@pytest.mark.parametrize(
    ("override_type", "overrides", "expected"),
    [
        (
            "merge",
            '{"spec":{"nodeName":"node-2"}}',
            {"nodeName": "node-2"},
        ),
        (
            "strategic",
            '{"spec":{"containers":[{"name":"web","env":[{"name":"A","value":"1"}]}]}}',
            {"containers": [{"name": "web", "env": [{"name": "A", "value": "1"}]}]},
        ),
        (
            "json",
            '[{"op":"add","path":"/spec/hostname","value":"box"}]',
            {"hostname": "box"},
        ),
    ],
    ids=["merge", "strategic", "json"],
)
def test_overrides(
    c: Cluster, override_type: str, overrides: str, expected: dict
) -> None:
    line = (
        f"kubectl run web --image=nginx --override-type={override_type} "
        f"--overrides='{overrides}' --dry-run=client -o json"
    )
    spec = json.loads(w.run(c, line))["spec"]
    for key, value in expected.items():
        if key == "containers":
            assert spec["containers"][0]["env"] == value[0]["env"]
            assert spec["containers"][0]["image"] == "nginx"
        else:
            assert spec[key] == value


def test_save_config_stores_the_typed_json(c: Cluster) -> None:
    w.run(c, "kubectl run web --image=nginx --save-config")
    annotations = c.api.get("pods", "web", "default")["metadata"]["annotations"]
    assert annotations["kubectl.kubernetes.io/last-applied-configuration"] == (
        '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","labels":'
        '{"run":"web"}},"spec":{"containers":[{"name":"web","image":"nginx",'
        '"resources":{}}],"restartPolicy":"Always","dnsPolicy":"ClusterFirst"},'
        '"status":{}}\n'
    )


USAGE = "\nSee 'kubectl run -h' for help and examples"
ATTACH = (
    "error: attaching to a container (-i/--stdin, -t/--tty, --attach, --rm) needs "
    "an interactive terminal, which this simulated console does not have; nothing "
    'was created. Run it without those flags and read its output with "kubectl '
    'logs busybox"'
)


@pytest.mark.parametrize(
    ("line", "output"),
    [
        ("kubectl run", 'error: required flag(s) "image" not set'),
        ("kubectl run nginx", 'error: required flag(s) "image" not set'),
        ("kubectl run --image=nginx", "error: NAME is required for run" + USAGE),
        (
            "kubectl run --image=nginx -- nginx",
            "error: NAME is required for run" + USAGE,
        ),
        ("kubectl run nginx --image=", "error: --image is required"),
        (
            "kubectl run nginx --image=Nginx",
            'error: Invalid image name "Nginx": invalid reference format',
        ),
        (
            "kubectl run busybox --image=busybox -t",
            "error: -i/--stdin is required for containers with -t/--tty=true" + USAGE,
        ),
        (
            "kubectl run web --image=nginx --expose",
            "error: --port must be set when exposing a service" + USAGE,
        ),
        (
            "kubectl run web --image=nginx --restart=Sometimes",
            "error: invalid restart policy: Sometimes" + USAGE,
        ),
        (
            "kubectl run busybox --image=busybox --rm",
            "error: --rm should only be used for attached containers" + USAGE,
        ),
        (
            "kubectl run busybox --image=busybox -i --dry-run=client",
            "error: --dry-run=[server|client] can't be used with attached "
            "containers options (--attach, --stdin, or --tty)" + USAGE,
        ),
        (
            "kubectl run web --image=nginx --image-pull-policy=Sometimes",
            "error: invalid image pull policy: Sometimes" + USAGE,
        ),
        (
            "kubectl run web --image=nginx --port=http",
            'error: strconv.Atoi: parsing "http": invalid syntax',
        ),
        ("kubectl run web --image=nginx --env=FOO", "error: invalid env: FOO"),
        ("kubectl run web --image=nginx --env=1X=a", "error: invalid env: 1X=a"),
        (
            "kubectl run web --image=nginx --labels=app",
            "error: unexpected label spec: app",
        ),
        (
            "kubectl run web --image=nginx --annotations=note",
            "error: invalid annotations format: note",
        ),
        (
            "kubectl run web --image=nginx --dry-run=maybe",
            'error: Invalid dry-run value (maybe). Must be "none", "server", or '
            '"client".',
        ),
        (
            "kubectl run web --image=nginx --overrides='{bad'",
            "error: Invalid JSON Patch",
        ),
        (
            "kubectl run web --image=nginx --override-type=strategic "
            """--overrides='{"spec":{"containers":[{"image":"x"}]}}'""",
            "error: map: map[image:x] does not contain declared merge key: name",
        ),
        (
            "kubectl run web --image=nginx --override-type=yaml --overrides='{}'",
            "error: invalid override type: yaml",
        ),
        ("kubectl run -it busybox --image=busybox --restart=Never -- sh", ATTACH),
        ("kubectl run busybox --image=busybox --attach", ATTACH),
        ("kubectl run busybox --rm -i --image=busybox", ATTACH),
        (
            "kubectl run web --image=nginx -o wide",
            'error: unable to match a printer suitable for the output format "wide", '
            "allowed formats are: go-template,go-template-file,json,jsonpath,"
            "jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,yaml",
        ),
        (
            "kubectl run Web --image=nginx",
            'The Pod "Web" is invalid: \n'
            '* metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain '
            "must consist of lower case alphanumeric characters, '-' or '.', and must "
            "start and end with an alphanumeric character (e.g. 'example.com', regex "
            "used for validation is "
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n"
            '* spec.containers[0].name: Invalid value: "Web": a lowercase RFC 1123 '
            "label must consist of lower case alphanumeric characters or '-', and "
            "must start and end with an alphanumeric character (e.g. 'my-name',  or "
            "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        ),
        (
            "kubectl run web -n nowhere --image=nginx",
            'Error from server (NotFound): namespaces "nowhere" not found',
        ),
    ],
)
def test_bad_input_is_reported_and_changes_nothing(
    c: Cluster, line: str, output: str
) -> None:
    revision = c.store.revision
    assert c.execute(line) == CommandResult(output, False)
    assert c.store.revision == revision


def test_already_exists(c: Cluster) -> None:
    w.run(c, "kubectl run nginx --image=nginx")
    revision = c.store.revision
    assert c.execute("kubectl run nginx --image=busybox") == CommandResult(
        'Error from server (AlreadyExists): pods "nginx" already exists', False
    )
    assert c.store.revision == revision


def test_stdin_without_attaching_is_allowed(c: Cluster) -> None:
    assert w.run(c, "kubectl run cat --image=busybox -i --attach=false") == (
        "pod/cat created"
    )
    container = c.api.get("pods", "cat", "default")["spec"]["containers"][0]
    assert (container["stdin"], container["stdinOnce"]) == (True, True)


def test_server_dry_run_creates_nothing(c: Cluster) -> None:
    revision = c.store.revision
    result = c.execute("kubectl run web --image=nginx --dry-run=server")
    assert result == CommandResult("pod/web created (server dry run)", True)
    assert c.store.revision == revision
    assert c.api.list("pods", "default") == []
