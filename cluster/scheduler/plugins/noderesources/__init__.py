"""NodeResourcesFit and NodeResourcesBalancedAllocation, with the scoring
strategies they share (``framework/plugins/noderesources``)."""
