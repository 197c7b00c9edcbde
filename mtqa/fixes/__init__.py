"""Turning findings into corrected text: choosing fixes, applying their edits, repeating to a fixed point."""
