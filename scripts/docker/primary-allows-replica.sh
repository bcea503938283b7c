#!/bin/bash
# Runs once, when the primary's data directory is first made (/docker-entrypoint-initdb.d): a login that may only
# stream WAL, and the line of pg_hba.conf that lets the replica service use it.
set -euo pipefail
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres \
    -c "CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD '${REPLICATION_PASSWORD//\'/\'\'}'"
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
