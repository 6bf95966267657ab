"""Images behave like themselves: their entrypoints, their servers' start-up
lines and ports, the programs they hold, and runc's error for one they lack."""

from __future__ import annotations

import pytest

from cluster.node import images
from cluster.node.launch import ContainerConfig, StartError, argv_of
from cluster.node.programs.perl import pi_digits

from .box_harness import exec_in, run

PI_50 = "3.1415926535897932384626433832795028841971693993751"


@pytest.mark.parametrize(
    ("image", "command", "args", "argv"),
    [
        ("nginx", (), (), ["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"]),
        ("busybox", (), (), ["sh"]),
        ("busybox", ("sleep",), ("3600",), ["sleep", "3600"]),
        ("busybox", (), ("sleep", "5"), ["sleep", "5"]),
        (
            "registry.k8s.io/e2e-test-images/agnhost:2.40",
            (),
            ("liveness",),
            ["/agnhost", "liveness"],
        ),
        ("hashicorp/http-echo", (), ("-text=hi",), ["/http-echo", "-text=hi"]),
        ("nginx", ("sh", "-c"), ("echo $(X)",), ["sh", "-c", "echo x-value"]),
    ],
    ids=[
        "entrypoint-cmd",
        "cmd-only",
        "command",
        "args-replace-cmd",
        "agnhost",
        "http-echo",
        "kubelet-var-expansion",
    ],
)
def test_argv_combines_entrypoint_cmd_command_and_args(
    image: str, command: tuple[str, ...], args: tuple[str, ...], argv: list[str]
) -> None:
    config = ContainerConfig("app", image, command, args, env=(("X", "x-value"),))
    assert argv_of(config, images.contents_of(image)) == argv


def test_nginx_logs_its_entrypoint_and_start_up_and_keeps_running() -> None:
    ran = run(["/docker-entrypoint.sh", "nginx", "-g", "daemon off;"], "nginx")
    lines = ran.stream("stdout")
    assert lines[0] == (
        "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt "
        "to perform configuration"
    )
    assert (
        lines[8] == "/docker-entrypoint.sh: Configuration complete; ready for start up"
    )
    assert lines[10] == "2026/01/05 09:00:00 [notice] 1#1: nginx/1.29.1"
    assert ran.code is None and 80 in ran.box.listeners


def test_nginx_1_14_2_reports_its_version() -> None:
    ran = run(["nginx", "-g", "daemon off;"], "nginx:1.14.2")
    assert "2026/01/05 09:00:00 [notice] 1#1: nginx/1.14.2" in ran.stream("stdout")


def test_nginx_without_daemon_off_forks_and_pid_1_exits() -> None:
    assert run(["nginx"], "nginx").code == 0


def test_busybox_default_shell_has_no_stdin_and_exits_at_once() -> None:
    ran = run(["sh"], "busybox", seconds=1)
    assert (ran.code, ran.output) == (0, "")


def test_http_echo_needs_its_text() -> None:
    ran = run(["/http-echo"], "hashicorp/http-echo")
    assert (ran.code, ran.output) == (127, "Missing -text option!\n")
    ran = run(["/http-echo", "-text=hello"], "hashicorp/http-echo")
    assert ran.code is None and ran.box.listeners[5678].http is not None
    assert ran.box.listeners[5678].http("/") == (200, "hello\n")


def test_agnhost_liveness_healthz_turns_to_500_after_ten_seconds() -> None:
    ran = run(
        ["/agnhost", "liveness"],
        "registry.k8s.io/e2e-test-images/agnhost:2.40",
        seconds=9,
    )
    handler = ran.box.listeners[8080].http
    assert handler is not None
    assert handler("/healthz") == (200, "ok")
    ran.box.clock.run_until(12)
    assert handler("/healthz") == (500, "error: 12")


def test_redis_listens_on_6379() -> None:
    ran = run(["docker-entrypoint.sh", "redis-server"], "redis")
    assert ran.stream("stdout")[-1].endswith("* Ready to accept connections tcp")
    assert 6379 in ran.box.listeners


def test_perl_prints_pi_after_computing() -> None:
    ran = run(["perl", "-Mbignum=bpi", "-wle", "print bpi(50)"], "perl", seconds=0.5)
    assert ran.code is None
    ran.box.clock.run_until(10)
    assert (ran.code, ran.output) == (0, PI_50 + "\n")


def test_pi_to_2000_digits_is_rounded_like_bignum() -> None:
    digits = pi_digits(2000)
    longer = pi_digits(2100)
    assert len(digits) == 2001 and longer.startswith(digits[:-1])
    rounded_up = int(longer[2001]) >= 5
    assert int(digits[-1]) == (int(longer[2000]) + rounded_up) % 10
    assert pi_digits(50) == PI_50


def test_a_command_the_image_lacks_fails_to_start_like_runc() -> None:
    with pytest.raises(StartError) as err:
        run(["/app/server"], "busybox")
    assert str(err.value) == (
        "failed to create containerd task: failed to create shim task: OCI runtime "
        "create failed: runc create failed: unable to start container process: "
        'error during container init: exec: "/app/server": executable file not '
        "found in $PATH: unknown"
    )


def test_exec_finds_no_ps_in_nginx_and_no_shell_in_http_echo() -> None:
    ran = run(["nginx", "-g", "daemon off;"], "nginx")
    with pytest.raises(StartError, match='exec: "ps": executable file not found'):
        exec_in(ran.box, ["ps"])
    echo = run(["/http-echo", "-text=x"], "hashicorp/http-echo")
    with pytest.raises(StartError, match='exec: "sh": executable file not found'):
        exec_in(echo.box, ["sh"])


def test_an_unsimulated_tool_says_so() -> None:
    ran = run(["sleep", "3600"], "busybox")
    assert exec_in(ran.box, ["grep", "x"]) == (
        1,
        "grep: not supported in this simulated container\n",
    )


def test_exec_sees_the_containers_files() -> None:
    ran = run(["sh", "-c", "touch /tmp/healthy; sleep 3600"], "busybox", seconds=1)
    assert exec_in(ran.box, ["cat", "/tmp/healthy"]) == (0, "")
    assert exec_in(ran.box, ["cat", "/etc/hostname"]) == (0, "web\n")
