"""Pilothouse's web side: the Django project, its apps and the simulation host."""
