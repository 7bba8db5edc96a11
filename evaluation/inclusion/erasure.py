"""Erasure step for the inclusion measures: the benchmarks a person uploaded are kept (they are figures
about the workforce, not about them) and stop naming who uploaded them."""

from academy.privacy import erasure
from evaluation.inclusion.models import Benchmark


def erase(user, pseudonym: str) -> None:
    Benchmark.objects.filter(uploaded_by=user).update(uploaded_by=None)


erasure.register(
    "evaluation_inclusion",
    models=["evaluation_inclusion.Benchmark"],
    erase=erase,
    erased=["Your name on the workforce benchmarks you uploaded"],
    kept=["The workforce benchmarks themselves: figures about the workforce, not about you"],
)
