"""Redis-backed messaging: the arq job queue (fed through the outbox) and theme broadcasts."""
