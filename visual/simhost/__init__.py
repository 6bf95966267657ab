"""The simulation host: runs clusters in the background and streams their changes.

``player`` wraps one engine cluster with playback, a journal and a backlog of
numbered deltas (no Django, no asyncio); ``host`` runs many players on an event
loop and talks to the websocket consumers only through the channel layer.
"""
