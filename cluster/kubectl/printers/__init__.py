"""Output formats of ``kubectl get``: tables, wide, name, YAML and JSON."""
