"""Evaluation: what the investment achieves, a package of small apps (docs/evaluation-*.md)."""
