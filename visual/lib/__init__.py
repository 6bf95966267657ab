"""Plain helpers with no Django app state of their own."""
