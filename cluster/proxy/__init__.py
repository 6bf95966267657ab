"""kube-proxy's proxiers: the rules it programs (iptables, IPVS), how a
request walks them, and the ``sim`` and ``ssh`` commands that show them."""
