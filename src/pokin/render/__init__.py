"""Renderers: turn core results into text for people and machines."""
