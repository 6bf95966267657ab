"""The page a student sees: views, the websocket consumer and its HTML panels."""
