"""Files in and out: `readers/` turn files into Documents, `writers/` turn results into reports; JSON Lines
parsing and line/column locations are shared by both."""
