"""Consistency rules; see :mod:`pokin.rules.registry`."""
