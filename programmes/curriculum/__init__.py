"""The systems leadership development curriculum: its kinds of offer (core, developmental, modular) and
its demo data. Its pages are the shared cohort engine's (programmes.core)."""
