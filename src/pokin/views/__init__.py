"""Stage 3, the views: what each command shows, as data.

The one budget roll-up, budget views, tree selection, report, PK and diff.
"""
