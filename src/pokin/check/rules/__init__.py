"""Consistency rules; see :mod:`pokin.check.rules.registry`."""
