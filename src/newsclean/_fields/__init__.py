"""One module per record field, each with its own explicit fallback order."""
