"""Which program a name runs in an image: ``sh``, ``/bin/sleep``, ``nginx``.

An image holds only its own programs (``images.Repository.programs``): there
is no ``sh`` in ``hashicorp/http-echo``. A tool an image holds that this
simulation does not run answers with an honest message rather than pretend.
"""

from __future__ import annotations

import posixpath
from functools import cache
from typing import Any

from cluster.node.process import Program


def find(image: Any, name: str) -> Program | None:
    base = posixpath.basename(name)
    if image is not None and base not in image.programs:
        return None
    base = getattr(image, "aliases", {}).get(base, base)
    table = programs()
    if base in table:
        return table[base]
    from cluster.node.programs.coreutils import not_simulated

    return not_simulated


@cache
def programs() -> dict[str, Program]:
    from cluster.node.programs import (
        coreutils,
        daemons,
        net,
        perl,
        servers,
        shell,
        stress,
    )

    found: dict[str, Program] = dict(coreutils.PROGRAMS)
    for name in ("sh", "ash", "bash", "dash"):
        found[name] = shell.sh
    found.update(
        {
            "nginx": daemons.nginx,
            "nginx-debug": daemons.nginx,
            "docker-entrypoint.sh": daemons.docker_entrypoint,
            "httpd-foreground": daemons.httpd,
            "redis-server": daemons.redis_server,
            "agnhost": servers.agnhost,
            "server": servers.liveness,
            "http-echo": servers.http_echo,
            "goproxy": servers.goproxy,
            "etcd": servers.etcd,
            "pause": servers.pause,
            "stress": stress.stress,
            "vish-stress": stress.vish_stress,
            "perl": perl.perl,
            "perl5.34.0": perl.perl,
            "nslookup": net.nslookup,
        }
    )
    return found
