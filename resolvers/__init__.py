"""Resolvers, a package per domain, one module per mutation (input, payload and logic)."""
