"""Evaluation: capability, inclusion, connectivity and contribution (a later issue). No pages yet."""
