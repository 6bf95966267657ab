"""Kubernetes API machinery: object types, quantities, names, defaulting, validation."""
