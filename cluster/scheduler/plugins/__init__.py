"""The in-tree plugins, one module each (``pkg/scheduler/framework/plugins``)."""
