#!/usr/bin/env bash
# Peer comparison (PERF.md): runs each workload group in its own process, so one group's large allocations do not
# change the next group's heap, and prints `workload, threads, ours, numpy, ratio, mathnet, ratio, rate` lines.
#
#   ./build/peers.sh                 # every group
#   ./build/peers.sh gemm linalg     # some groups
#
# Needs Debian's NumPy/SciPy with the pthreads OpenBLAS:
#   apt-get install -y python3-numpy python3-scipy python3-threadpoolctl libopenblas0-pthread
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
groups=("$@")
if ((${#groups[@]} == 0)); then groups=(gemm linalg elementwise reductions rng copying nn learn learn_trees learn_forests learn_gboost learn_histgb); fi
dotnet build benchmarks/Scratch.ML.Benchmarks -c Release -v quiet -nologo >/dev/null
for g in "${groups[@]}"; do
    dotnet run -c Release --no-build --project benchmarks/Scratch.ML.Benchmarks -- peers "$g"
done
