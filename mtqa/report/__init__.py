"""The HTML quality report: one self-contained file editors open in a browser (`mtqa report`)."""
