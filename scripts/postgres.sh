# Shared by run.sh and test.sh: install PostgreSQL 15 + PostGIS from Debian packages if missing, and run a
# project-local cluster as the postgres user (initdb refuses to run as root). Source it; do not execute it.

PG_BIN=/usr/lib/postgresql/15/bin

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_postgis() {
  if [ -x "$PG_BIN/initdb" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ]; then
    return
  fi
  echo "Installing PostgreSQL 15 and PostGIS 3 from Debian packages..."
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql-15-postgis-3 >/dev/null
}

# start_cluster DATA_DIR PORT: initialise DATA_DIR once, then start the server on 127.0.0.1:PORT if it is not running.
start_cluster() {
  local data_dir=$1 port=$2
  if [ ! -f "$data_dir/PG_VERSION" ]; then
    mkdir -p "$data_dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$data_dir"
    chmod 700 "$data_dir"
    as_postgres "$PG_BIN/initdb" -D "$data_dir" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
    as_postgres "$PG_BIN/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w start \
      -o "-p $port -k $data_dir -c listen_addresses=127.0.0.1" >/dev/null
  fi
}

# start_replica PRIMARY_PORT DATA_DIR PORT: a streaming replica of the cluster on PRIMARY_PORT (pg_basebackup -R, once),
# started as a hot standby on 127.0.0.1:PORT if it is not running.
start_replica() {
  local primary_port=$1 data_dir=$2 port=$3
  if [ ! -f "$data_dir/PG_VERSION" ]; then
    mkdir -p "$data_dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$data_dir"
    chmod 700 "$data_dir"
    as_postgres "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$data_dir" -R -X stream
  fi
  if ! as_postgres "$PG_BIN/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
    as_postgres "$PG_BIN/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -w start \
      -o "-p $port -k $data_dir -c listen_addresses=127.0.0.1" >/dev/null
  fi
}

# ensure_database PORT NAME: create the database if it does not exist.
ensure_database() {
  local port=$1 name=$2
  if ! psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE $name"
  fi
}

# cluster_dir NAME: a folder under the project's ignored .data/ when the postgres user can reach it, else under
# /var/lib/postgresql (a clone inside a private 0700 folder is not reachable by another user).
cluster_dir() {
  local wanted="$PROJECT_ROOT/.data/$1"
  mkdir -p "$PROJECT_ROOT/.data"
  if [ "$(id -u)" != 0 ] || runuser -u postgres -- test -x "$PROJECT_ROOT/.data"; then
    echo "$wanted"
  else
    echo "/var/lib/postgresql/hotspotintel-$(echo "$PROJECT_ROOT" | md5sum | cut -c1-8)/$1"
  fi
}
