#!/usr/bin/env bash
# End-to-end tests of the map client in Debian's Chromium (installed if missing; never a downloaded browser), against
# the real API (Release build) on a throwaway PostGIS cluster with the demo data. Prints "client: N passed, N failed";
# any set-up step that fails counts as one failed test, so a broken environment cannot pass as "nothing ran".
set -uo pipefail
cd "$(dirname "$0")/.."
CLIENT_ROOT=$(pwd)
PROJECT_ROOT=$(cd .. && pwd)
source "$PROJECT_ROOT/scripts/postgres.sh"
source "$PROJECT_ROOT/scripts/chromium.sh"

# Ports nobody listens on, found at run time: a fixed port inside the ephemeral range can be held by another process.
free_port() {
  node -e "const server = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(server.address().port); server.close(); })"
}
DB_PORT=${E2E_DB_PORT:-$(free_port)}
API_PORT=${E2E_API_PORT:-$(free_port)}
work=$(mktemp -d)
api_pid=""
data_dir=""

fail_setup() {
  echo "e2e set-up failed: $1 (log: $work)"
  echo "client: 0 passed, 1 failed"
  exit 1
}

cleanup() {
  [ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null
  if [ -n "$data_dir" ] && [ -f "$data_dir/PG_VERSION" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$data_dir" -m fast -w stop >/dev/null 2>&1
    rm -rf "$data_dir"
  fi
}
trap cleanup EXIT

ensure_chromium "$work/apt.log" || fail_setup "apt-get install chromium"

ensure_postgis
data_dir=$(cluster_dir "e2e-postgres-$$")
# The server's log goes with the cluster when the set-up fails: a copy stays in the log folder named there.
start_cluster "$data_dir" "$DB_PORT" || { cp "$data_dir/server.log" "$work/" 2>/dev/null; fail_setup "start PostgreSQL on port $DB_PORT"; }
ensure_database "$DB_PORT" hotspotintel || fail_setup "create the database"

export ConnectionStrings__HotspotIntel="Host=127.0.0.1;Port=$DB_PORT;Database=hotspotintel;Username=hotspotintel_app"
export ConnectionStrings__HotspotIntelAdmin="Host=127.0.0.1;Port=$DB_PORT;Database=hotspotintel;Username=postgres"
export Auth__SigningKey="$(head -c 48 /dev/urandom | base64 -w0)"
# The audit log's sealing key and checkpoint folder, for this run alone. (Jobs log in as hotspotintel_jobs: the
# application's connection with that login, which this cluster trusts.)
export Audit__SealingKey="$(head -c 32 /dev/urandom | base64 -w0)" Audit__CheckpointDirectory="$work/audit-checkpoints"
# The Hangfire server runs: with no succeeded hotspot run the API starts a full one at once (Hotspots:FullRunWhenNoneSucceeded),
# and the analyst's run is a job too. One worker, so the analyst's run waits for the first one instead of being skipped.
export Hangfire__ServerEnabled=true Hangfire__WorkerCount=1
export Client__Path="$CLIENT_ROOT/dist"

echo "Building the API, the demo loader and the client for the end-to-end tests..."
dotnet build "$PROJECT_ROOT/bench/HotspotIntel.Bench" -c Release --nologo -v quiet >"$work/build.log" 2>&1 || fail_setup "dotnet build"
npm run build --silent >"$work/client-build.log" 2>&1 || fail_setup "npm run build"
api="dotnet $PROJECT_ROOT/src/HotspotIntel.Api/bin/Release/net10.0/HotspotIntel.Api.dll"
$api migrate >"$work/migrate.log" 2>&1 || fail_setup "migrate"
dotnet "$PROJECT_ROOT/bench/HotspotIntel.Bench/bin/Release/net10.0/HotspotIntel.Bench.dll" seed-demo >"$work/seed.log" 2>&1 || fail_setup "seed-demo"

for role in tasking_member analyst licensing_officer supervisor; do
  token=$($api issue-token --user "e2e-$role" --role "$role" --agency DEMO-WMP 2>"$work/token.log") || fail_setup "issue-token $role"
  export "E2E_TOKEN_${role^^}=$token"
done

# What the masking must never let through: every exact location of a child-linked report (superuser, no RLS).
psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d hotspotintel -tAc "
  SELECT coalesce(json_agg(json_build_array(ST_X(location), ST_Y(location))), '[]')
  FROM intelligence_reports WHERE mentions_child OR category = 'missing_found_location'" >"$work/exact.json" \
  || fail_setup "read child-linked locations"
# A masking cell a tasking member does see (3 or more child-linked reports), to look at it at street level.
psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d hotspotintel -tAc "
  SELECT json_build_array(ST_X(masking_cell), ST_Y(masking_cell)) FROM intelligence_reports
  WHERE mentions_child OR category = 'missing_found_location'
  GROUP BY masking_cell HAVING count(*) >= masking_minimum_count() ORDER BY count(*) DESC LIMIT 1" >"$work/cell.json" \
  || fail_setup "find a visible masking cell"
export E2E_EXACT_LOCATIONS="$work/exact.json" E2E_MASKED_CELL="$work/cell.json"
# Three of the demo police force's reports past their review date, on the worklist as the daily listing job would put
# them (the demo data's review dates are years ahead), for the supervisor's review screen.
psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d hotspotintel -v ON_ERROR_STOP=1 -qc "
  UPDATE intelligence_reports SET review_on = current_date - 1 WHERE id IN (
    SELECT r.id FROM intelligence_reports r JOIN agencies a ON a.id = r.agency_id
    WHERE a.code = 'DEMO-WMP' AND r.erased_on IS NULL ORDER BY r.id LIMIT 3);
  INSERT INTO records_due_for_review (entity_kind, entity_id, agency_id, review_on, listed_at)
  SELECT 'reports', id, agency_id, review_on, now() FROM intelligence_reports WHERE review_on <= current_date AND erased_on IS NULL" \
  >"$work/due.log" 2>&1 || fail_setup "put reports on the review worklist"

(cd "$PROJECT_ROOT/src/HotspotIntel.Api" && exec $api --urls "http://127.0.0.1:$API_PORT") >"$work/api.log" 2>&1 &
api_pid=$!
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$API_PORT/health" >/dev/null 2>&1 && break
  kill -0 "$api_pid" 2>/dev/null || fail_setup "the API exited"
  sleep 1
done
curl -fsS "http://127.0.0.1:$API_PORT/health" >/dev/null 2>&1 || fail_setup "the API did not answer /health"

E2E_BASE_URL="http://127.0.0.1:$API_PORT" node e2e/e2e.mjs
