"""The images' own servers: what runs when a container keeps its entrypoint.

Each writes the start-up lines the real one writes, listens on its port with
the answers the Kubernetes docs rely on (nginx's ``/`` is 200, agnhost's
``liveness`` ``/healthz`` turns to 500 after ten seconds), and stops the way
the real one does on its stop signal.
"""

from __future__ import annotations

from collections.abc import Callable

from cluster.node.process import FOREVER, Listener, Proc, Run, Stopper

MiB = 1024 * 1024
# Go programs that do not handle SIGTERM still catch it in the runtime; as
# PID 1 the re-raised signal is ignored, so the runtime exits with status 2.
GO_SIGTERM_EXIT = 2


def serve(
    proc: Proc,
    memory: int,
    listeners: tuple[Listener, ...],
    stopper: Stopper | None,
    lines: tuple[str, ...] = (),
    stream: str = "out",
) -> Run:
    """Write the start-up lines, listen, and block until a signal ends it."""
    proc.box.memory.use(proc.pid, memory)
    write = proc.out if stream == "out" else proc.err
    for line in lines:
        write(line + "\n")
    for listener in listeners:
        proc.box.listeners[listener.port] = listener
    proc.stop_with(stopper)
    try:
        yield FOREVER
    finally:
        for listener in listeners:
            proc.box.listeners.pop(listener.port, None)
    return 0


def access_logger(proc: Proc, fmt: Callable[..., str]) -> Callable[..., None]:
    def log(client: str, status: int, path: str, size: int, agent: str) -> None:
        when = proc.box.clock.wall()
        proc.out(fmt(client, status, path, size, agent, when) + "\n")

    return log


# -- agnhost, liveness, http-echo, goproxy, etcd, pause ------------------------


def liveness_server(proc: Proc, started: float) -> Listener:
    """``test/images/agnhost/liveness/server.go``: 200 for ten seconds."""

    def answer(path: str) -> tuple[int, str]:
        age = proc.box.clock.now - started
        if path == "/healthz":
            if age > 10:
                return 500, f"error: {age:g}"
            return 200, "ok"
        if path == "/started":
            return 200, f"{age:g}"
        return 404, "404 page not found\n"

    return Listener(8080, http=answer)


def liveness(proc: Proc, argv: list[str]) -> Run:
    listener = liveness_server(proc, proc.box.clock.now)
    stop = Stopper(0.05, GO_SIGTERM_EXIT)
    return (yield from serve(proc, 6 * MiB, (listener,), stop))


def agnhost(proc: Proc, argv: list[str]) -> Run:
    sub = argv[1] if len(argv) > 1 else ""
    handler = AGNHOST.get(sub)
    if handler is None:
        if sub:
            proc.err(f'Error: unknown command "{sub}" for "agnhost"\n')
            proc.err("Run 'agnhost --help' for usage.\n")
            return 1
        proc.out("app with multiple functionalities used by the Kubernetes e2e tests\n")
        return 0
    return (yield from handler(proc, argv[1:]))


def _flag(argv: list[str], name: str, default: str) -> str:
    for i, arg in enumerate(argv):
        if arg.startswith(f"--{name}=") or arg.startswith(f"-{name}="):
            return arg.split("=", 1)[1]
        if arg in (f"--{name}", f"-{name}") and i + 1 < len(argv):
            return argv[i + 1]
    return default


def netexec(proc: Proc, argv: list[str]) -> Run:
    port = int(_flag(argv, "http-port", "8080"))
    udp = int(_flag(argv, "udp-port", "8081"))

    def answer(path: str) -> tuple[int, str]:
        if path.startswith("/hostname"):
            return 200, proc.box.hostname
        if path.startswith("/echo"):
            return 200, path.partition("msg=")[2]
        if path in ("/", "/healthz"):
            return 200, "NOW: " + proc.box.clock.wall().isoformat()
        return 404, "404 page not found\n"

    lines = (
        f"Started HTTP server on port {port}",
        f"Started UDP server on port  {udp}",
    )
    listener = Listener(port, http=answer)
    stop = Stopper(0.05, GO_SIGTERM_EXIT)
    return (yield from serve(proc, 8 * MiB, (listener,), stop, lines, "err"))


def serve_hostname(proc: Proc, argv: list[str]) -> Run:
    port = int(_flag(argv, "port", "9376"))
    listener = Listener(port, http=lambda path: (200, proc.box.hostname))
    stop = Stopper(0.05, GO_SIGTERM_EXIT)
    lines = (f"Serving on port {port}.",)
    return (yield from serve(proc, 5 * MiB, (listener,), stop, lines, "err"))


def pause(proc: Proc, argv: list[str]) -> Run:
    lines = ("Paused",) if argv and argv[0] == "pause" else ()
    return (yield from serve(proc, 256 * 1024, (), Stopper(0.02, 0), lines))


AGNHOST: dict[str, Callable[[Proc, list[str]], Run]] = {
    "liveness": liveness,
    "netexec": netexec,
    "serve-hostname": serve_hostname,
    "pause": pause,
}


def http_echo(proc: Proc, argv: list[str]) -> Run:
    text = _flag(argv, "text", "")
    listen = _flag(argv, "listen", ":5678")
    if not text:
        proc.err("Missing -text option!\n")
        return 127
    port = int(listen.rpartition(":")[2])

    def answer(path: str) -> tuple[int, str]:
        if path == "/health":
            return 200, '{"status":"ok"}'
        return 200, text + "\n"

    when = proc.box.clock.wall().strftime("%Y/%m/%d %H:%M:%S")
    lines = (f"{when} [INFO] server is listening on {listen}",)
    listener = Listener(port, http=answer)
    return (yield from serve(proc, 4 * MiB, (listener,), Stopper(0.05, 0), lines))


def goproxy(proc: Proc, argv: list[str]) -> Run:
    listener = Listener(8080)
    stop = Stopper(0.05, GO_SIGTERM_EXIT)
    return (yield from serve(proc, 5 * MiB, (listener,), stop))


def etcd(proc: Proc, argv: list[str]) -> Run:
    urls = _flag(argv, "listen-client-urls", "http://localhost:2379")
    port = int(urls.split(",")[0].rpartition(":")[2])
    when = proc.box.clock.wall().strftime("%Y-%m-%dT%H:%M:%S.000Z")
    lines = (
        f'{{"level":"info","ts":"{when}","caller":"etcdmain/etcd.go:73",'
        f'"msg":"Running: ","args":{_json_list(argv)}}}',
        f'{{"level":"info","ts":"{when}","caller":"embed/serve.go:98",'
        '"msg":"ready to serve client requests"}',
    )
    listener = Listener(port, grpc_status="SERVING")
    return (
        yield from serve(proc, 24 * MiB, (listener,), Stopper(0.1, 0), lines, "err")
    )


def _json_list(items: list[str]) -> str:
    return "[" + ",".join(f'"{item}"' for item in items) + "]"
