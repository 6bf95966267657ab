"""kube-scheduler: the scheduling framework, its plugins, and the component that
watches pods and nodes through the API server and binds pods to nodes.

Laid out like ``pkg/scheduler`` of Kubernetes v1.35: ``framework/`` holds the
extension points, cycle state and node bookkeeping, ``plugins/`` one module per
plugin, ``profile.py`` the default profile with its weights, ``registry.py``
the in-tree plugins, and ``scheduler.py`` the component itself.
"""
