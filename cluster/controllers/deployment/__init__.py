"""The Deployment controller (``pkg/controller/deployment``): one module per Go file.

``controller`` watches and dispatches, ``sync`` finds or creates the new
ReplicaSet and scales, ``rolling`` and ``recreate`` are the two strategies,
``progress`` writes the status and its conditions, ``util`` holds the helpers
of ``deployment_util.go``.
"""

from cluster.controllers.deployment.controller import DeploymentController

__all__ = ["DeploymentController"]
