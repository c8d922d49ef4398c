# The booking site as one image. It mirrors what `make` does on our machines: a Python 3.11
# virtualenv with the pinned dependencies from pyproject.toml, collectstatic, gunicorn.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/app/.venv \
    PATH=/app/.venv/bin:$PATH

RUN groupadd --system app && useradd --system --gid app --home-dir /app --no-create-home app
WORKDIR /app

COPY pyproject.toml README.md ./
COPY config ./config
COPY booking_site ./booking_site
COPY wix_sandbox ./wix_sandbox
COPY templates ./templates
COPY static ./static
COPY manage.py gunicorn.conf.py ./

RUN python -m venv "$VIRTUAL_ENV" \
    && pip install --quiet --upgrade pip \
    && pip install --quiet .

# Static files are collected at build time; the settings demand a key and hosts when DEBUG=0,
# and a real Wix (or WIX_SANDBOX=1), so give throwaway ones for this one command only.
RUN DEBUG=0 SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost WIX_SANDBOX=1 \
    python manage.py collectstatic --noinput -v0 \
    && chown -R app:app /app

USER app
# X-Forwarded-For is not trusted by default: anyone reaching gunicorn directly could forge it
# and escape the rate limits. Behind a load balancer that appends the client's address, run
# with TRUST_X_FORWARDED_FOR=1 so the limits key on that hop.
ENV DEBUG=0 PORT=8000 TRUST_X_FORWARDED_FOR=0
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"

# Migrations run on start so a fresh SQLite or PostgreSQL database is ready; then gunicorn.
CMD ["sh", "-c", "python manage.py migrate --noinput -v0 && exec gunicorn -c gunicorn.conf.py"]
