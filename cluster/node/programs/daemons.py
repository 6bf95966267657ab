"""nginx, Apache httpd and Redis as their official images run them."""

from __future__ import annotations

from datetime import datetime

from cluster.node.process import Listener, Proc, Run, Stopper
from cluster.node.programs.servers import MiB, serve

NGINX_VERSIONS = {"1.27": "1.27.5", "1.25": "1.25.5", "1.14.2": "1.14.2"}
NGINX_LATEST = "1.29.1"
NGINX_INDEX_BYTES = 615
NGINX_404_BYTES = 153
ENTRYPOINT_LINES = (
    "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to "
    "perform configuration",
    "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/"
    "10-listen-on-ipv6-by-default.sh",
    "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of "
    "/etc/nginx/conf.d/default.conf",
    "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in "
    "/etc/nginx/conf.d/default.conf",
    "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
    "/docker-entrypoint.sh: Configuration complete; ready for start up",
)


def nginx_version(proc: Proc) -> str:
    return NGINX_VERSIONS.get(getattr(proc.box, "tag", ""), NGINX_LATEST)


def docker_entrypoint(proc: Proc, argv: list[str]) -> Run:
    """The official images' ``docker-entrypoint.sh``, then ``exec "$@"``."""
    from cluster.node.programs import registry

    rest = argv[1:]
    if rest[:1] in (["nginx"], ["nginx-debug"]):
        for line in ENTRYPOINT_LINES:
            proc.out(line + "\n")
    if not rest:
        return 0
    program = registry.find(proc.box.image, rest[0])
    if program is None:
        proc.err(f"{argv[0]}: exec: line 47: {rest[0]}: not found\n")
        return 127
    return (yield from program(proc, rest))


def nginx(proc: Proc, argv: list[str]) -> Run:
    version = nginx_version(proc)
    if "-v" in argv or "-V" in argv:
        proc.err(f"nginx version: nginx/{version}\n")
        return 0
    if "-t" in argv:
        proc.err(_config_ok())
        return 0
    if "-s" in argv:
        return (yield from _signal_master(proc, argv))
    if "daemon off;" not in " ".join(argv):
        return 0  # the master forks into the background and PID 1 exits
    lines = _nginx_start(proc, version)
    stop = Stopper(0.1, 0, ())
    return (yield from serve(proc, 3 * MiB, (_nginx_listener(proc),), stop, lines))


def _nginx_start(proc: Proc, version: str) -> tuple[str, ...]:
    stamp = proc.box.clock.wall().strftime("%Y/%m/%d %H:%M:%S")
    notices = (
        'using the "epoll" event method',
        f"nginx/{version}",
        "built by gcc 14.2.0 (Debian 14.2.0-19)",
        "OS: Linux 6.8.0-85-generic",
        "getrlimit(RLIMIT_NOFILE): 1048576:1048576",
        "start worker processes",
        "start worker process 29",
        "start worker process 30",
    )
    return tuple(f"{stamp} [notice] 1#1: {n}" for n in notices)


def _nginx_listener(proc: Proc) -> Listener:
    def answer(path: str) -> tuple[int, str]:
        if path in ("/", "/index.html"):
            return 200, "x" * NGINX_INDEX_BYTES
        return 404, "x" * NGINX_404_BYTES

    def log(client: str, path: str, status: int, size: int) -> None:
        when = _clf(proc.box.clock.wall())
        proc.out(
            f'{client} - - [{when}] "GET {path} HTTP/1.1" {status} {size} "-" '
            f'"kube-probe/1.35" "-"\n'
        )

    return Listener(80, http=answer, on_request=log)


def _config_ok() -> str:
    return (
        "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n"
        "nginx: configuration file /etc/nginx/nginx.conf test is successful\n"
    )


def _signal_master(proc: Proc, argv: list[str]) -> Run:
    signal = argv[argv.index("-s") + 1] if argv.index("-s") + 1 < len(argv) else ""
    main = getattr(proc.box, "main", None)
    if signal in ("stop", "quit") and main is not None:
        main.terminate()
    return 0
    yield


def httpd(proc: Proc, argv: list[str]) -> Run:
    ip = proc.box.ip or "127.0.0.1"
    fqdn = (
        "AH00558: httpd: Could not reliably determine the server's fully qualified "
        f"domain name, using {ip}. Set the 'ServerName' directive globally to "
        "suppress this message"
    )
    stamp = _apache_time(proc.box.clock.wall())
    lines = (
        fqdn,
        fqdn,
        f"[{stamp}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.65 (Unix) "
        "configured -- resuming normal operations",
        f"[{stamp}] [core:notice] [pid 1:tid 1] AH00094: Command line: "
        "'httpd -D FOREGROUND'",
    )

    def answer(path: str) -> tuple[int, str]:
        if path in ("/", "/index.html"):
            return 200, "<html><body><h1>It works!</h1></body></html>\n"
        return 404, "x" * 196

    def log(client: str, path: str, status: int, size: int) -> None:
        when = _clf(proc.box.clock.wall())
        proc.out(f'{client} - - [{when}] "GET {path} HTTP/1.1" {status} {size}\n')

    listener = Listener(80, http=answer, on_request=log)
    stop = Stopper(0.5, 0)
    return (yield from serve(proc, 8 * MiB, (listener,), stop, lines, "err"))


def redis_server(proc: Proc, argv: list[str]) -> Run:
    stamp = _redis_time(proc.box.clock.wall())
    version = "7.4.5" if getattr(proc.box, "tag", "") == "7" else "8.2.1"
    notes = (
        (
            "C",
            "#",
            "WARNING Memory overcommit must be enabled! Without it, a "
            "background save or replication may fail under low memory condition.",
        ),
        ("C", "*", "oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo"),
        (
            "C",
            "*",
            f"Redis version={version}, bits=64, commit=00000000, "
            "modified=0, pid=1, just started",
        ),
        (
            "C",
            "#",
            "Warning: no config file specified, using the default config. "
            "In order to specify a config file use redis-server /path/to/redis.conf",
        ),
        ("M", "*", "monotonic clock: POSIX clock_gettime"),
        ("M", "*", "Running mode=standalone, port=6379."),
        ("M", "*", "Server initialized"),
        ("M", "*", "Ready to accept connections tcp"),
    )
    lines = tuple(f"1:{role} {stamp} {level} {text}" for role, level, text in notes)
    listener = Listener(6379)
    return (yield from serve(proc, 4 * MiB, (listener,), Stopper(0.3, 0), lines))


def _clf(when: datetime) -> str:
    return when.strftime("%d/%b/%Y:%H:%M:%S +0000")


def _apache_time(when: datetime) -> str:
    return when.strftime("%a %b %d %H:%M:%S.000000 %Y")


def _redis_time(when: datetime) -> str:
    return when.strftime("%d %b %Y %H:%M:%S.000")
