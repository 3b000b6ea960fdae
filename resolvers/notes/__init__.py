"""Internal notes: add one, list those of a report, theme or referral."""
