"""The fields each served kind has, for the API server's strict decoding.

``unknown_fields(obj)`` lists the paths a strict decoder rejects
(``spec.containers[0].imagePullPolicyy``); ``prune`` drops them, as a
decoder that ignores unknown fields does.
"""

from cluster.api.schema.strict import prune, unknown_fields

__all__ = ["prune", "unknown_fields"]
