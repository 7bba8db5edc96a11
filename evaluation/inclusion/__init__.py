"""Inclusion measures: who applies, is offered and completes a place, and who sits on the C&CPLG or holds a
leadership role, by ethnic group, sex, disability and profession, against workforce benchmarks; in
suppressed aggregate only (docs/evaluation-inclusion.md)."""
