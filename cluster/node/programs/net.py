"""``nslookup``: asks the cluster DNS (``10.96.0.10``) through the pod's
search path, printing what busybox prints. busybox 1.28 (the one the docs
pin for this) has the old format; newer busybox the new one."""

from __future__ import annotations

from cluster.node.process import Proc, Run

DNS = "10.96.0.10"
SEARCH = ("{ns}.svc.cluster.local", "svc.cluster.local", "cluster.local")


def nslookup(proc: Proc, argv: list[str]) -> Run:
    names = [a for a in argv[1:] if not a.startswith("-")]
    if not names:
        proc.err(
            "BusyBox v1.37.0 multi-call binary.\n\nUsage: nslookup HOST [DNS_SERVER]\n"
        )
        return 1
    name = names[0]
    address = proc.box.resolve(name)
    fqdn = _fqdn(name, address is not None)
    if proc.box.tag == "1.28":
        return _old(proc, fqdn, address)
    return _new(proc, fqdn, address)
    yield  # a program: a generator, even when it never waits


def _fqdn(name: str, found: bool) -> str:
    if "." in name or not found:
        return name
    return f"{name}.default.svc.cluster.local"


def _old(proc: Proc, name: str, address: str | None) -> int:
    proc.out(
        f"Server:    {DNS}\nAddress 1: {DNS} kube-dns.kube-system.svc.cluster.local\n\n"
    )
    if address is None:
        proc.err(f"nslookup: can't resolve '{name}'\n")
        return 1
    proc.out(f"Name:      {name}\nAddress 1: {address} {name}\n")
    return 0


def _new(proc: Proc, name: str, address: str | None) -> int:
    proc.out(f"Server:\t\t{DNS}\nAddress:\t{DNS}:53\n\n")
    if address is None:
        proc.out(f"** server can't find {name}: NXDOMAIN\n\n")
        proc.out(f"** server can't find {name}: NXDOMAIN\n\n")
        return 1
    proc.out(f"Name:\t{name}\nAddress: {address}\n\n")
    return 0
