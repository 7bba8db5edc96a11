"""The SEL Systems Leadership Academy portal."""

from academy.celery import app as celery_app

__all__ = ("celery_app",)
