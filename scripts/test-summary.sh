# Adds up test results from every suite into one closing line, "N passed, N failed". Source it.
# A suite that failed without reporting any result (a build error, a crash) counts as one failure, so it cannot pass silently.

total_passed=0
total_failed=0

# count_dotnet_results LOG EXIT_STATUS: sums the "Passed!/Failed! - Failed: N, Passed: N, ..." line of each test project.
count_dotnet_results() {
  local log=$1 status=$2 p f
  p=$(grep -E '^\s*(Passed|Failed)!' "$log" | sed -E 's/.*Passed:\s*([0-9]+).*/\1/' | awk '{s+=$1} END {print s+0}')
  f=$(grep -E '^\s*(Passed|Failed)!' "$log" | sed -E 's/.*Failed:\s*([0-9]+),.*/\1/' | awk '{s+=$1} END {print s+0}')
  total_passed=$((total_passed + ${p:-0}))
  total_failed=$((total_failed + ${f:-0}))
  if [ "$status" != 0 ] && [ "${f:-0}" = 0 ]; then
    echo "dotnet test exited with $status without a failed test: counting one failure."
    total_failed=$((total_failed + 1))
  fi
}

# count_client_results LOG EXIT_STATUS: the map client's test.sh prints "client: N passed, N failed" per suite.
count_client_results() {
  local log=$1 status=$2 p f
  p=$(grep -E '^client: [0-9]+ passed, [0-9]+ failed' "$log" | sed -E 's/^client: ([0-9]+) passed.*/\1/' | awk '{s+=$1} END {print s+0}')
  f=$(grep -E '^client: [0-9]+ passed, [0-9]+ failed' "$log" | sed -E 's/.* ([0-9]+) failed.*/\1/' | awk '{s+=$1} END {print s+0}')
  total_passed=$((total_passed + ${p:-0}))
  total_failed=$((total_failed + ${f:-0}))
  if [ "$status" != 0 ] && [ "${f:-0}" = 0 ]; then
    echo "The map client's tests exited with $status without a failed test: counting one failure."
    total_failed=$((total_failed + 1))
  fi
}

print_summary() {
  echo "$total_passed passed, $total_failed failed"
  [ "$total_failed" = 0 ]
}
