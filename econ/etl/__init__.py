"""One module per source: read raw files, tidy them, validate them into core tables."""
