# vnlex API on a volume-mounted SQLite database:
#   docker build -t vnlex .
#   docker run -p 8000:8000 -v vnlex-data:/data vnlex
#   docker run -v vnlex-data:/data vnlex vnlex ingest corpus      # (re)load the bundled corpus
# The database is /data/vnlex.db unless VNLEX_DATABASE_URL says otherwise; `vnlex serve`
# migrates an empty database itself. The search index is derived from it and lives beside
# it (/data/vnlex.db.index, or VNLEX_INDEX_DIR); a container that finds it missing rebuilds it
# in the background (/health answers at once, /ready says 503 until it is built).
# On PostgreSQL with several nodes: compose.yaml.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    VNLEX_DATABASE_URL=sqlite:////data/vnlex.db

WORKDIR /srv/vnlex

# Dependencies first, so editing the source does not reinstall them.
COPY pyproject.toml README.md ./
# The postgres extra (psycopg), so one image serves either store.
RUN mkdir -p app parsers && touch app/__init__.py parsers/__init__.py \
    && pip install '.[postgres]' && pip uninstall -y vnlex

COPY . .
# Editable, so app/db/migrate.py finds migrations/ beside app/.
RUN pip install --no-deps -e . \
    && useradd --create-home --uid 10001 vnlex \
    && mkdir -p /data /index && chown vnlex /data /index

USER vnlex
VOLUME ["/data"]
EXPOSE 8000

# VNLEX_WORKERS: server processes sharing the container's index folder (one applies changes).
ENV VNLEX_WORKERS=1
CMD ["sh", "-c", "exec vnlex serve --host 0.0.0.0 --port 8000 --workers \"$VNLEX_WORKERS\""]
