"""Stage 2, the checks: the rule registry, the engine that runs it, settings and suppressions."""
