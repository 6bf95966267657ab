"""Saved clusters: each is its journal, replayed to rebuild it."""

from __future__ import annotations

import uuid

from django.db import models

from visual.simhost.journal import Entry, Journal


class SimCluster(models.Model):
    """A cluster's journal; the simulation itself lives only in a host's memory."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    seed = models.IntegerField(default=0)
    # Scenario YAML the cluster was built from; blank means the sandbox.
    scenario = models.TextField(blank=True)
    # [[simulated time, command line, stdin or null], ...] in the order they ran.
    journal = models.JSONField(default=list)
    sim_time = models.FloatField(default=0.0)
    paused = models.BooleanField(default=False)
    speed = models.FloatField(default=1.0)
    # The timeline: the furthest moment reached, and how many journal entries
    # have run when the learner has gone back (null: at the head, all of them).
    head = models.FloatField(null=True, blank=True)
    applied = models.IntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"cluster {self.id.hex} at t={self.sim_time:.1f}s"

    @property
    def key(self) -> str:
        """The id as channel-layer names use it."""
        return self.id.hex

    def to_journal(self) -> Journal:
        entries = [Entry.from_plain(item) for item in self.journal]
        # A row saved before the timeline existed is at its head.
        return Journal(
            seed=self.seed,
            scenario=self.scenario,
            entries=entries,
            sim_time=self.sim_time,
            paused=self.paused,
            speed=self.speed,
            head=self.sim_time if self.head is None else self.head,
            applied=len(entries) if self.applied is None else self.applied,
        )
