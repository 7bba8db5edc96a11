# The portal's image: web (gunicorn + whitenoise), Celery worker and Celery beat all run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=academy.settings

RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 academy

WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir .
COPY . .
# collectstatic needs settings that load: give it throwaway production values for the build only.
RUN ACADEMY_ENV=production DJANGO_SECRET_KEY=build-only-$(head -c 48 /dev/urandom | base64 | tr -d '/+=') \
    DJANGO_ALLOWED_HOSTS=build ACADEMY_MFA_ENCRYPTION_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= \
    ACADEMY_DEMO_MFA_EXEMPT=false DATABASE_URL=postgres://build@localhost/build REDIS_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --no-input

USER academy
EXPOSE 8000
# Explicit workers and timeouts: a request that waits past --timeout is killed (and answers 502/500),
# so nothing a request does may wait on Redis or a worker (see docs/operations.md).
CMD ["gunicorn", "academy.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "30", "--graceful-timeout", "30", "--keep-alive", "5", "--access-logfile", "-"]
