#!/usr/bin/python3
"""Peer side of the comparison runner (benchmarks/Scratch.ML.Benchmarks, `peers` mode).

Usage: /usr/bin/python3 benchmarks/peers/peer.py GROUP THREADS ARGS...
Imports benchmarks/peers/GROUP.py and calls its `run(args)`, which returns a zero-argument callable performing one
run of the workload (inputs prepared outside the callable). Prints the median seconds over repeated runs on the last
line. Reports which BLAS kernel NumPy uses on stderr (threadpoolctl), as PERF.md asks.
"""
import importlib
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def median_seconds(fn, min_total=0.4, min_runs=3, max_runs=200):
    t0 = time.perf_counter()
    fn()  # warm-up
    warm = time.perf_counter() - t0
    if warm > 10:  # a run this long is its own measurement (as the C# runner does)
        return warm
    times = []
    start = time.perf_counter()
    while len(times) < min_runs or (time.perf_counter() - start < min_total and len(times) < max_runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2]


def main():
    group, threads, args = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    try:
        from threadpoolctl import threadpool_limits, threadpool_info
        threadpool_limits(threads)
        for info in threadpool_info():
            print(f"# {info.get('internal_api')} {info.get('version')} {info.get('architecture')} threads={info.get('num_threads')}", file=sys.stderr)
    except ImportError:
        pass
    module = importlib.import_module(group)
    fn = module.run(args)
    print(f"{median_seconds(fn):.9f}")


if __name__ == "__main__":
    main()
