"""InterPodAffinity: place pods near (affinity) or away from (anti-affinity)
pods matching a selector, per topology domain
(``framework/plugins/interpodaffinity``)."""
