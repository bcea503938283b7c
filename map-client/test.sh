#!/usr/bin/env bash
# The map client's tests: Vitest unit tests (the API types among them), the OpenAPI lint, then end-to-end tests in Debian's Chromium against the real API on a
# throwaway PostGIS cluster with demo data. Each suite prints "client: N passed, N failed" (summed by ../test.sh);
# a suite that cannot run at all counts as one failure.
set -uo pipefail
cd "$(dirname "$0")"
status=0

npm ci --no-audit --no-fund >/dev/null 2>&1 || npm ci --no-audit --no-fund || { echo "client: 0 passed, 1 failed"; exit 1; }

unit_log=$(mktemp)
npx vitest run --reporter=default --reporter=json --outputFile.json="$unit_log.json" 2>&1 | tee "$unit_log"
unit_status=${PIPESTATUS[0]}
if [ -s "$unit_log.json" ]; then
  node -e 'const r = require(process.argv[1]); console.log(`client: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);' "$unit_log.json"
else
  echo "client: 0 passed, 1 failed"
fi
[ "$unit_status" = 0 ] || status=1

# The OpenAPI documents the API serves (committed under openapi/, checked against the API by its tests) must lint clean.
lint_log=$(mktemp)
if REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true npx redocly lint --config ../openapi/redocly.yaml >"$lint_log" 2>&1; then
  echo "OpenAPI lint (Redocly, recommended-strict): clean"
  echo "client: 1 passed, 0 failed"
else
  grep -vE '║|╔|╚' "$lint_log"
  echo "client: 0 passed, 1 failed"
  status=1
fi

e2e_log=$(mktemp)
./e2e/run-e2e.sh 2>&1 | tee "$e2e_log"
e2e_status=${PIPESTATUS[0]}
if [ "$e2e_status" != 0 ]; then
  status=1
  # A crash before the suite's own summary line still counts as a failure.
  grep -qE '^client: [0-9]+ passed, [1-9][0-9]* failed' "$e2e_log" || echo "client: 0 passed, 1 failed"
fi
exit $status
