"""Authentication (OIDC bearer tokens validated with joserfc) and roles."""
