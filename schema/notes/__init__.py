"""Internal notes of staff."""
