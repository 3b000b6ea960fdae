"""Background work: report processing, theme discovery, referral delivery, outbox sweep."""
