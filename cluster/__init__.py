"""Pilothouse's simulated Kubernetes cluster: pure Python, no Django, deterministic."""

KUBERNETES_VERSION = "v1.35.0"
