"""Commands that wait (``wait``, ``delete``, ``rollout status``) let the
simulation run, one pending event at a time, until what they wait for holds."""

from __future__ import annotations

from collections.abc import Callable

from cluster.kubectl.command import Invocation


def run_until(inv: Invocation, done: Callable[[], bool], deadline: float) -> bool:
    """Advance simulated time until ``done()`` or ``deadline``; whether it held."""
    clock = inv.ctx.clock
    while not done():
        due = clock.next_time()
        if due is None or due > deadline:
            inv.ctx.advance(max(deadline - clock.now, 0.0))
            return done()
        inv.ctx.advance(max(due - clock.now, 0.0))
    return True
