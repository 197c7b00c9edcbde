"""mtqa: find the artefacts machine translation leaves in English text, with exact spans and fixes."""

__version__ = "0.1.0"
