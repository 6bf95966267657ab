"""Explanations: every scheduling attempt recorded on its pod the way
kube-scheduler-simulator records it (``simulator/scheduler/plugin/resultstore``,
``storereflector``), and told to the diagram as a ``schedule`` event; both
come from one ``AttemptRecord``."""
