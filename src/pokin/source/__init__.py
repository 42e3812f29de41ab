"""Stage 1, the source: bytes → YAML nodes with positions → plain data, git revisions."""
