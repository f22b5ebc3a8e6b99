# zone-monitor: the `monitor` CLI plus docker/start.sh (waits for the database, migrates, runs).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Editable install: the app finds its Alembic migrations/ folder next to the monitor/ package,
# so the source tree stays in /app. (psycopg[binary] and lxml ship wheels: no compiler needed.)
# Every version comes from requirements.lock (pip itself first), as in `make install`.
COPY . /app
RUN pip install -c requirements.lock --upgrade pip \
    && pip install -c requirements.lock -e . \
    && chmod 0755 /app/docker/start.sh \
    && useradd --system --uid 10001 --user-group --home-dir /app --no-create-home monitor \
    && mkdir -p /app/var \
    && chown monitor:monitor /app/var

# The code stays owned by root (read-only for the app); var/ is the only writable folder.
USER monitor

EXPOSE 8000
ENTRYPOINT ["/app/docker/start.sh"]
