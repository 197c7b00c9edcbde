"""Numbers from findings: MQM-style penalties and the 0-100 segment score."""
