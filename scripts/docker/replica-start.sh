#!/bin/bash
# The replica service: on its first start, a base backup of the primary (pg_basebackup -R writes standby.signal and
# the primary's address), retried until the primary accepts it; then PostgreSQL as a hot standby, read-only.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    mkdir -p "$PGDATA" && chown postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
    export PGPASSWORD="$REPLICATION_PASSWORD"
    until gosu postgres pg_basebackup -h "$PRIMARY_HOST" -U replicator -D "$PGDATA" -R -X stream; do
        echo "waiting for the primary to accept a base backup..." >&2
        rm -rf "${PGDATA:?}"/*
        sleep 2
    done
fi
exec docker-entrypoint.sh postgres -c hot_standby=on
