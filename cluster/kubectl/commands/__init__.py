"""One module per kubectl command; each exposes ``COMMAND``."""
