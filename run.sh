#!/usr/bin/env bash
# Sets up everything on a fresh Debian 12 machine and starts HotspotIntel with demo data:
# PostgreSQL 15 + PostGIS from Debian packages, a project-local cluster on 127.0.0.1:55432 (data under .data/),
# the migrations, a synthetic demo dataset loaded once, the map client built with npm, and the API on
# http://127.0.0.1:5080 (the map client at /, Swagger UI at /swagger).
set -euo pipefail
cd "$(dirname "$0")"
PROJECT_ROOT=$(pwd)
source scripts/postgres.sh
source scripts/pdf-tools.sh

PORT=55432
# The API connects as hotspotintel_app (under row-level security), its background jobs as hotspotintel_jobs (the only
# login the database treats as the system), its copy of the link network is read as hotspotintel_network (what the copy
# holds and nothing else); migrations and the demo loader as the owner.
export ConnectionStrings__HotspotIntel="Host=127.0.0.1;Port=$PORT;Database=hotspotintel;Username=hotspotintel_app"
export ConnectionStrings__HotspotIntelJobs="Host=127.0.0.1;Port=$PORT;Database=hotspotintel;Username=hotspotintel_jobs"
export ConnectionStrings__HotspotIntelNetwork="Host=127.0.0.1;Port=$PORT;Database=hotspotintel;Username=hotspotintel_network"
export ConnectionStrings__HotspotIntelAdmin="Host=127.0.0.1;Port=$PORT;Database=hotspotintel;Username=postgres"

ensure_postgis
ensure_pdf_tools
start_cluster "$(cluster_dir postgres)" "$PORT"
ensure_database "$PORT" hotspotintel

# Secrets generated once for this checkout, readable by their owner only: the key development tokens are signed with
# (production uses Auth:Authority), and the key the audit log is sealed with, which the database never holds. Audit
# checkpoints go beside them, outside the database (README.md, "Access control, audit and retention").
mkdir -p .data
(umask 077
 [ -s .data/signing-key ] || head -c 48 /dev/urandom | base64 -w0 > .data/signing-key
 [ -s .data/audit-sealing-key ] || head -c 32 /dev/urandom | base64 -w0 > .data/audit-sealing-key)
chmod 600 .data/signing-key .data/audit-sealing-key
export Auth__SigningKey="$(cat .data/signing-key)"
export Audit__SealingKey="$(cat .data/audit-sealing-key)" Audit__CheckpointDirectory="$PROJECT_ROOT/.data/audit-checkpoints"

dotnet restore HotspotIntel.sln --locked-mode --nologo -v quiet
dotnet build HotspotIntel.sln -c Release --no-restore --nologo -v quiet
# The map client, served by the API at / from map-client/dist (Client:Path).
(cd map-client && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)
dotnet src/HotspotIntel.Api/bin/Release/net10.0/HotspotIntel.Api.dll migrate
dotnet bench/HotspotIntel.Bench/bin/Release/net10.0/HotspotIntel.Bench.dll seed-demo

api="dotnet src/HotspotIntel.Api/bin/Release/net10.0/HotspotIntel.Api.dll"
echo
echo "Demo sign-in tokens (8 hours; paste into Swagger UI's Authorize, or send as 'Authorization: Bearer ...'):"
for role in tasking_member analyst licensing_officer supervisor; do
  printf '  %-18s %s\n' "$role" "$($api issue-token --user "demo-$role" --role "$role" --agency DEMO-WMP)"
done
printf '  %-18s %s\n' administrator "$($api issue-token --user demo-administrator --role administrator)"
echo "More: $api issue-token --user NAME --role ROLE --agency AGENCY-CODE  (with the same environment as this script)"
echo
echo "HotspotIntel map: http://127.0.0.1:5080/ (sign in with a token above)  Swagger UI: http://127.0.0.1:5080/swagger"
echo "Stop the database later with: runuser -u postgres -- $PG_BIN/pg_ctl -D $(cluster_dir postgres) stop"
cd src/HotspotIntel.Api
exec dotnet bin/Release/net10.0/HotspotIntel.Api.dll --urls http://127.0.0.1:5080
