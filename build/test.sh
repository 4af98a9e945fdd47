#!/usr/bin/env bash
# Builds the whole solution and runs every test project, then prints one summary line read from the test results.
#
#   ./build/test.sh                        # Release build, every test
#   ./build/test.sh --filter "FullyQualifiedName~Linalg"
#                                          # extra arguments go to `dotnet test`
#
# Environment:
#   CONFIGURATION     build configuration (default Release: the numeric tests run several times faster than in
#                     Debug, and the build costs about the same; see docs/contributing/testing.md)
#   TEST_RESULTS_DIR  where the .trx files go (default artifacts/test-results; emptied first)
#
# The last line printed is always `N passed, N failed, N skipped` (zeros if nothing ran). The exit code is non-zero
# when the build or restore failed, a test failed, a test project produced no results, or no test ran at all.
# Only bash, grep and sed are used to read the results, so this runs on a bare CI machine with just the .NET SDK.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root" || exit 2

config="${CONFIGURATION:-Release}"
results="${TEST_RESULTS_DIR:-$root/artifacts/test-results}"
solution="Scratch.ML.sln"

summary() { # passed failed skipped
    echo "$1 passed, $2 failed, $3 skipped"
}

if ! command -v dotnet >/dev/null 2>&1; then
    echo "test.sh: the .NET SDK (dotnet) is not on PATH; install .NET SDK 10 (https://dot.net)." >&2
    summary 0 0 0
    exit 2
fi

rm -rf "$results"
mkdir -p "$results"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# `dotnet test` restores, builds every project of the solution (samples and benchmarks too, so they cannot rot) and
# runs the test projects through VSTest; each test project writes one .trx file.
dotnet test "$solution" -c "$config" \
    --logger "trx;LogFilePrefix=results" \
    --results-directory "$results" \
    "$@"
test_rc=$?

# Sum one attribute of the <Counters .../> element over every .trx file.
counter() {
    local name="$1" total=0 value file
    for file in "${trx_files[@]}"; do
        value="$(grep -o "<Counters [^>]*" "$file" | grep -o " $name=\"[0-9]*\"" | sed 's/[^0-9]//g' | head -n 1)"
        total=$((total + ${value:-0}))
    done
    echo "$total"
}

shopt -s nullglob
trx_files=("$results"/*.trx)
shopt -u nullglob

total=0 passed=0 failed=0 skipped=0
if ((${#trx_files[@]} > 0)); then
    total=$(counter total)
    passed=$(counter passed)
    # Errors, timeouts and aborted runs are failures too.
    failed=$(( $(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted) ))
    # xunit's skipped tests (and tests that never started) are reported as "notExecuted".
    skipped=$(counter notExecuted)
fi

# Every test project of the solution must have produced a result file, or a crash could hide its tests.
projects=$(grep -c '"tests\\[^"]*\.csproj"' "$solution")

status=0
if ((test_rc != 0)); then
    echo "test.sh: dotnet test exited with code $test_rc (restore, build or test failure; see the log above)." >&2
    status=1
fi
if ((${#trx_files[@]} < projects)); then
    echo "test.sh: $projects test projects in $solution but only ${#trx_files[@]} result files in $results." >&2
    status=1
fi
if ((failed > 0)); then
    echo "test.sh: $failed test(s) failed." >&2
    status=1
fi
if ((total == 0)); then
    echo "test.sh: no test ran." >&2
    status=1
fi
echo "Results: ${#trx_files[@]} file(s) in $results; $total test(s) counted."
summary "$passed" "$failed" "$skipped"
exit "$status"
