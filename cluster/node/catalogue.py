"""The repositories the simulated registries hold, and what is in each image.

Real images are never run, so the catalogue records what a node can observe of
each: its compressed size (what containerd reports as ``Image size`` and
``crictl images`` shows), its ENTRYPOINT and CMD, the programs on its PATH (a
``kubectl exec web -- ps`` into nginx finds no ``ps``), its shell (busybox
ash or Debian's dash, whose messages differ) and a few files the docs read.

Sizes are linux/amd64 compressed sizes, rounded from the registries' manifests
around the v1.35 release (approximate for the smaller test images); digests
are synthetic (sha256 of the reference) but have the real shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_COMMON = frozenset(
    "sh echo printf cat touch rm rmdir mkdir ls sleep true false test [ date "
    "hostname env printenv tail head grep sed wc mv cp ln chmod id uname pwd tee "
    "sort expr seq yes kill".split()
)
BUSYBOX_TOOLS = _COMMON | frozenset(
    "ash wget nslookup ps ping nc telnet netstat ifconfig ip top free df du vi "
    "base64 timeout watch which whoami xargs awk tr cut find".split()
)
DEBIAN_TOOLS = _COMMON | frozenset("bash dash awk tr cut find which".split())
NGINX_INDEX = """<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
"""


@dataclass(frozen=True)
class Repository:
    name: str  # normalized: docker.io/library/nginx
    tags: dict[str, int]  # tag -> compressed size in bytes
    entrypoint: tuple[str, ...] = ()
    cmd: tuple[str, ...] = ()
    programs: frozenset[str] = frozenset()
    shell: str = ""  # "ash" (busybox), "dash" (Debian) or "" (none)
    files: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    busybox_tags: tuple[str, ...] = ()  # tags built on Alpine (busybox tools)

    def for_tag(self, tag: str | None) -> Repository:
        """The image as one tag has it (``nginx:alpine`` has busybox tools)."""
        if tag not in self.busybox_tags:
            return self
        extra = self.programs - DEBIAN_TOOLS
        return _with(self, programs=BUSYBOX_TOOLS | extra, shell="ash")


def _with(repo: Repository, **changes: object) -> Repository:
    fields = {**repo.__dict__, **changes}
    return Repository(**fields)  # type: ignore[arg-type]


def _busybox(name: str, tags: dict[str, int]) -> Repository:
    return Repository(name, tags, cmd=("sh",), programs=BUSYBOX_TOOLS, shell="ash")


def _debian(name: str, tags: dict[str, int], *extra: str, **kw: object) -> Repository:
    programs = DEBIAN_TOOLS | frozenset(extra)
    return Repository(name, tags, programs=programs, shell="dash", **kw)  # type: ignore[arg-type]


def _single(name: str, tags: dict[str, int], binary: str) -> Repository:
    """A distroless/scratch image: one binary, no shell."""
    base = binary.rsplit("/", 1)[-1]
    return Repository(name, tags, entrypoint=(binary,), programs=frozenset({base}))


REPOSITORIES = (
    _debian(
        "docker.io/library/nginx",
        {
            "latest": 72223946,
            "1.29": 72223946,
            "1.27": 68857691,
            "1.25": 70544635,
            # The Deployments concept page rolls 1.14.2 out to 1.16.1.
            "1.16.1": 51034128,
            "1.14.2": 44710204,
            "alpine": 21321840,
        },
        "nginx",
        "nginx-debug",
        "docker-entrypoint.sh",
        "curl",
        entrypoint=("/docker-entrypoint.sh",),
        cmd=("nginx", "-g", "daemon off;"),
        files={"/usr/share/nginx/html/index.html": NGINX_INDEX},
        busybox_tags=("alpine",),
    ),
    _debian(
        "docker.io/library/httpd",
        {"latest": 58145021, "2.4": 58145021, "alpine": 22480562},
        "httpd-foreground",
        "httpd",
        cmd=("httpd-foreground",),
        files={
            "/usr/local/apache2/htdocs/index.html": (
                "<html><body><h1>It works!</h1></body></html>\n"
            )
        },
        busybox_tags=("alpine",),
    ),
    _debian(
        "docker.io/library/redis",
        {"latest": 53487170, "8": 53487170, "7": 45133918, "alpine": 17012234},
        "redis-server",
        "redis-cli",
        "docker-entrypoint.sh",
        entrypoint=("docker-entrypoint.sh",),
        cmd=("redis-server",),
        busybox_tags=("alpine",),
    ),
    _busybox(
        "docker.io/library/busybox",
        {"latest": 2222260, "1.37": 2222260, "1.36": 2155316, "1.28": 727869},
    ),
    _busybox(
        "registry.k8s.io/busybox",
        {"latest": 1144547, "1.24": 1144547, "1.27.2": 706295},
    ),
    _busybox("docker.io/library/alpine", {"latest": 3799654, "3.22": 3799654}),
    _debian(
        "docker.io/library/debian",
        {"latest": 49283745, "bookworm": 48494272, "trixie": 49283745},
        cmd=("bash",),
    ),
    _debian(
        "docker.io/library/ubuntu",
        {"latest": 29723147, "24.04": 29723147, "22.04": 29537552},
        cmd=("/bin/bash",),
    ),
    _debian(
        "docker.io/library/perl",
        {"latest": 331574123, "5.34.0": 331574123, "5.34": 331574123},
        "perl",
        "perl5.34.0",
        cmd=("perl5.34.0", "-de0"),
    ),
    _debian(
        "registry.k8s.io/e2e-test-images/agnhost",
        {"2.40": 52331045, "2.39": 51865206, "2.43": 53003120, "2.53": 54121870},
        "agnhost",
        entrypoint=("/agnhost",),
    ),
    _single("registry.k8s.io/liveness", {"latest": 4170112}, "/server"),
    _single(
        "docker.io/hashicorp/http-echo",
        {"latest": 4462310, "1.0": 4462310, "0.2.3": 2807451},
        "/http-echo",
    ),
    _single("registry.k8s.io/goproxy", {"0.1": 2421049}, "/goproxy"),
    Repository(
        "registry.k8s.io/etcd",
        {"3.5.1-0": 98888614, "3.6.4-0": 23059291},
        cmd=("/usr/local/bin/etcd",),
        programs=frozenset({"etcd", "etcdctl"}),
    ),
    Repository(
        "docker.io/polinux/stress",
        {"latest": 4041355},
        cmd=("stress", "--help"),
        programs=BUSYBOX_TOOLS | {"stress"},
        shell="ash",
    ),
    Repository(
        "docker.io/vish/stress",
        {"latest": 2643091},
        entrypoint=("/stress",),
        programs=frozenset({"stress"}),
        aliases={"stress": "vish-stress"},
    ),
    _single("registry.k8s.io/pause", {"3.10.1": 320448, "3.10": 320368}, "/pause"),
)

CATALOGUE: dict[str, Repository] = {repo.name: repo for repo in REPOSITORIES}
