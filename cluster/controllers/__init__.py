"""kube-controller-manager and the controllers it hosts."""
