"""Readers turn files into Documents; writers turn results into text and JSON."""
