"""Reads for the evaluation's inclusion measures: the C&CPLG's members and the leadership roles' holders,
counted by their consented equality answers (aggregates only)."""
