"""``python -m pokin``."""

from pokin.cli import main

main()
