#!/usr/bin/env bash
# Builds the whole solution and runs every test project, then prints one summary line read from the test results.
#
#   ./build/test.sh                        # Release build, every test
#   ./build/test.sh --filter "FullyQualifiedName~Linalg"
#                                          # extra arguments go to `dotnet test`
#
# Environment:
#   CONFIGURATION     build configuration (default Release: tests run ~1.4x faster than in Debug and the build
#                     costs about the same; see docs/contributing/testing-and-ci.md)
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

# On CI (CI=true) no compiler server or MSBuild node may outlive the run: a lingering server that inherited the
# output pipe would keep the job open. It costs about 5 s of build time. Developers keep their warm servers.
server_args=()
if [[ "${CI:-}" == "true" ]]; then
    server_args=(--disable-build-servers)
fi

# The test projects are the solution's projects under tests/.
mapfile -t projects < <(sed -n 's/^Project("[^"]*") = "[^"]*", "\(tests\\[^"]*\.csproj\)".*/\1/p' "$solution" | tr '\\' '/')
if ((${#projects[@]} == 0)); then
    echo "test.sh: no test project (tests/**/*.csproj) is listed in $solution." >&2
    summary 0 0 0
    exit 2
fi

# One build of the whole solution (restore included): samples and benchmarks are compiled too, so they cannot rot,
# and warnings are errors everywhere.
start=$SECONDS
if ! dotnet build "$solution" -c "$config" "${server_args[@]}"; then
    echo "test.sh: the build failed; no test was run." >&2
    summary 0 0 0
    exit 1
fi

# Each test project runs through VSTest (Microsoft.NET.Test.Sdk + xunit.runner.visualstudio) and writes its own
# .trx file, named after the project so that no two runs can overwrite each other's results.
build_seconds=$((SECONDS - start))
start=$SECONDS
test_rc=0
for project in "${projects[@]}"; do
    name="$(basename "$project" .csproj)"
    dotnet test "$project" -c "$config" --no-build "${server_args[@]}" \
        --logger "trx;LogFileName=$name.trx" \
        --results-directory "$results" \
        "$@" || test_rc=$?
done
test_seconds=$((SECONDS - start))

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
    # A skipped test is counted in "total" but not in "executed" (its result has outcome="NotExecuted").
    skipped=$(( total - $(counter executed) ))
fi

status=0
if ((test_rc != 0)); then
    echo "test.sh: dotnet test exited with code $test_rc (a test failed or a test host crashed; see the log above)." >&2
    status=1
fi
# Every test project must have written its result file, or a crashed test host could hide its tests.
for project in "${projects[@]}"; do
    name="$(basename "$project" .csproj)"
    if [[ ! -f "$results/$name.trx" ]]; then
        echo "test.sh: $project produced no result file ($results/$name.trx)." >&2
        status=1
    fi
done
if ((failed > 0)); then
    echo "test.sh: $failed test(s) failed." >&2
    status=1
fi
if ((total == 0)); then
    echo "test.sh: no test ran." >&2
    status=1
fi
echo "Results: ${#trx_files[@]} file(s) in $results; $total test(s) counted; $config build ${build_seconds}s, tests ${test_seconds}s."
summary "$passed" "$failed" "$skipped"
exit "$status"
