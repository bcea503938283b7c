#!/usr/bin/env bash
# Runs every test: .NET unit tests, API integration tests on a throwaway PostgreSQL + PostGIS cluster (started by the
# test fixture), and the map client's tests. Installs what it needs from Debian packages and npm on a fresh machine.
# Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
PROJECT_ROOT=$(pwd)
source scripts/postgres.sh
source scripts/test-summary.sh
source scripts/pdf-tools.sh
source scripts/gdal-tools.sh

ensure_postgis
ensure_pdf_tools
ensure_gdal_tools

dotnet_log=$(mktemp)
# Locked restore: exactly the packages in each project's packages.lock.json, or a failure naming the difference.
{ dotnet restore HotspotIntel.sln --locked-mode --nologo && dotnet test HotspotIntel.sln --no-restore --nologo; } 2>&1 | tee "$dotnet_log"
dotnet_status=${PIPESTATUS[0]}
count_dotnet_results "$dotnet_log" "$dotnet_status"

if [ -f map-client/package.json ]; then
  client_log=$(mktemp)
  ./map-client/test.sh 2>&1 | tee "$client_log"
  client_status=${PIPESTATUS[0]}
  count_client_results "$client_log" "$client_status"
fi

print_summary
