"""Settings for benchmarks only: the portal's own, served through bench/urls.py, which adds a bare one-row
view and Django admin changelists to compare pages against. Never used by the product.

    DJANGO_SETTINGS_MODULE=bench.settings gunicorn academy.wsgi ...   (bench/ratios.py does this)
"""

from academy.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
