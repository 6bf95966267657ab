"""PodTopologySpread: spread pods over topology domains (hosts, zones) as
their ``topologySpreadConstraints`` ask, or as the system default constraints
do for pods that belong to a Service or controller
(``framework/plugins/podtopologyspread``)."""
