# The portal's one image: the same build runs the web (gunicorn), the Celery worker and beat.
# Build: docker build -t sgtj/portal .    Run: docker compose up -d (see docker-compose.yml)

# The chart and map libraries: npm dependencies pinned by package-lock.json, their dist files copied
# by the same script `make` uses. Only static/vendor/ goes into the image, not node_modules.
FROM node:20-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY scripts/vendor-assets.sh scripts/
RUN scripts/vendor-assets.sh node_modules static/vendor

FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=portal.settings \
    PORTAL_VAR_DIR=/data/var \
    PORTAL_MEDIA_ROOT=/data/media \
    METER_STORE_PATH=/data/meterstore

# Unprivileged user; the data folders are created here so named volumes start out owned by it.
RUN groupadd --system --gid 10001 portal \
    && useradd --system --uid 10001 --gid portal --home-dir /app --no-create-home --shell /usr/sbin/nologin portal \
    && mkdir -p /app /data/var /data/media /data/meterstore /data/beat \
    && chown -R portal:portal /data

WORKDIR /app

# Dependencies first, so a code change does not reinstall them (psycopg-binary needs no libpq).
COPY requirements.txt ./
RUN pip install --require-hashes -r requirements.txt

COPY --chown=root:root . .
COPY --from=assets --chown=root:root /build/static/vendor static/vendor

# Static files (hashed, compressed; served by WhiteNoise) and the compiled translation catalogues
# are part of the image. The build needs settings that load, not secrets: a throwaway key and a
# throwaway SQLite path that nothing opens.
# The catalogues first: the system checks collectstatic runs read translated labels.
RUN DJANGO_SECRET_KEY=image-build-only-key-never-used-at-runtime-0123456789abcdef \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    PORTAL_VAR_DIR=/tmp/build-var \
    python manage.py compiletranslations \
    && DJANGO_SECRET_KEY=image-build-only-key-never-used-at-runtime-0123456789abcdef \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    PORTAL_VAR_DIR=/tmp/build-var \
    python manage.py collectstatic --noinput \
    && rm -rf /tmp/build-var /tmp/build.sqlite3

USER portal

EXPOSE 8000

# gunicorn reads WEB_CONCURRENCY for the worker count, and FORWARDED_ALLOW_IPS for the proxies whose
# X-Forwarded-* headers it believes (never "*": see .env.example); requests longer than 120 s are cut
# off (heavy work belongs in background jobs).
CMD ["gunicorn", "portal.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--timeout", "120", \
     "--graceful-timeout", "30", \
     "--access-logfile", "-", \
     "--error-logfile", "-"]
