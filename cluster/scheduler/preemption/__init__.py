"""Preemption (``pkg/scheduler/framework/preemption``): find nodes where
evicting lower-priority pods would let a pod fit, pick the best, evict."""
