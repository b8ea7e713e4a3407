"""API keys: shown once, hashed at rest, bound to a forum (or the operator) with a scope."""
