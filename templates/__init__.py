"""The Jinja templates of pokin's documents (report, Perjanjian Kinerja).

This folder ships inside the package as ``pokin.templates``; the file makes it
a regular package so ``importlib.resources`` finds it in editable installs too.
"""
