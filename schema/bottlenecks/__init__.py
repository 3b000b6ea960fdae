"""Bottleneck tags and their reference data."""
