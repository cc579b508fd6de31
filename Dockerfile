# vnlex API on a volume-mounted SQLite database:
#   docker build -t vnlex .
#   docker run -p 8000:8000 -v vnlex-data:/data vnlex
#   docker run -v vnlex-data:/data vnlex vnlex ingest corpus      # (re)load the bundled corpus
# The database is /data/vnlex.db unless VNLEX_DATABASE_URL says otherwise; `vnlex serve`
# migrates an empty database itself. The search index is derived from it and lives beside
# it (/data/vnlex.db.index, or VNLEX_INDEX_DIR); a container that finds it missing rebuilds it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    VNLEX_DATABASE_URL=sqlite:////data/vnlex.db

WORKDIR /srv/vnlex

# Dependencies first, so editing the source does not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir -p app parsers && touch app/__init__.py parsers/__init__.py \
    && pip install . && pip uninstall -y vnlex

COPY . .
# Editable, so app/db/migrate.py finds migrations/ beside app/.
RUN pip install --no-deps -e . \
    && useradd --create-home --uid 10001 vnlex \
    && mkdir -p /data && chown vnlex /data

USER vnlex
VOLUME ["/data"]
EXPOSE 8000

CMD ["vnlex", "serve", "--host", "0.0.0.0", "--port", "8000"]
