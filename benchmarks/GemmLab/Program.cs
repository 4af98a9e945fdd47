using System.Diagnostics;
using System.Globalization;
using Scratch.ML;
using Scratch.ML.Cpu;
using GemmLab;

// Usage: dotnet run -c Release --project benchmarks/GemmLab -- [versions|all] [n[,n…]] [threads] [f32|f64|both] [MC,KC,NC]
//        dotnet run -c Release --project benchmarks/GemmLab -- peer N[,N…] THREADS [ROUNDS]   (ours vs NumPy, best-of wall and CPU time)
//        dotnet run -c Release --project benchmarks/GemmLab -- pack                          (packing speed alone)
// Validates every version against a float64 triple loop on odd sizes, then times square n×n products (best of runs).
if (args.Length > 0 && args[0] == "pack") { PackTiming.Run(); return; }
if (args.Length > 0 && args[0] == "peer") { PeerCompare.Run(args); return; }
var versions = new ILabKernel[] { new V1Naive(), new V2Blocked(), new V3PackedAvx2(), new V4PackedAvx512(), new V5Unrolled(), new V6Tile12x32() };
string pick = args.Length > 0 ? args[0] : "all";
// A size is n (square) or MxNxK (e.g. 192x1024x256: one MC×KC block of A against a 1024-wide B, to time a slice of a
// large product in well under a millisecond when the machine is loaded).
(int M, int N, int K)[] sizes = (args.Length > 1 ? args[1] : "1024").Split(',').Select(ParseSize).ToArray();
Parallelism.MaxThreads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
string types = args.Length > 3 ? args[3] : "both";
if (args.Length > 4)
{
    var blk = args[4].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    if (types != "f64") GemmBlocking.Float32 = new(blk[0], blk[1], blk[2]);
    if (types != "f32") GemmBlocking.Float64 = new(blk[0], blk[1], blk[2]);
}
Console.WriteLine($"# GemmLab, {Environment.ProcessorCount} cores, threads={Parallelism.MaxThreads}, kernel={Gemm.KernelName}, f32 {GemmBlocking.Float32}, f64 {GemmBlocking.Float64}");
foreach (var v in versions.Where(v => pick == "all" || pick.Split(',').Contains(v.Name)))
{
    foreach (var (m, n, k) in new[] { (1, 1, 1), (7, 33, 5), (65, 31, 129), (13, 70, 300) })
    {
        if (types != "f64") Validate(v, m, n, k, false);
        if (types != "f32") Validate(v, m, n, k, true);
    }
    foreach (var size in sizes)
    {
        if (v.Name == "v1" && size.M * (long)size.N * size.K > 512L * 512 * 512) continue;
        if (types != "f64") Time(v, size, false);
        if (types != "f32") Time(v, size, true);
    }
}

static void Validate(ILabKernel v, int m, int n, int k, bool f64)
{
    var rng = new Random(m * 1000 + n * 10 + k);
    double[] a = Enumerable.Range(0, m * k).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
    double[] b = Enumerable.Range(0, k * n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
    double[] expect = new double[m * n];
    for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) { double s = 0; for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j]; expect[i * n + j] = s; }
    double[] got;
    if (f64) { got = new double[m * n]; v.Multiply(m, n, k, a, b, got); }
    else { var c = new float[m * n]; v.Multiply(m, n, k, a.Select(x => (float)x).ToArray(), b.Select(x => (float)x).ToArray(), c); got = c.Select(x => (double)x).ToArray(); }
    double tol = (f64 ? 1e-13 : 1e-5) * k;
    for (int i = 0; i < got.Length; i++)
        if (!(Math.Abs(got[i] - expect[i]) <= tol))
            throw new InvalidOperationException($"{v.Name} {(f64 ? "f64" : "f32")} ({m},{n},{k}) wrong at {i}: {got[i]} vs {expect[i]}");
}

static (int, int, int) ParseSize(string s)
{
    var d = s.Split('x').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
    return d.Length == 1 ? (d[0], d[0], d[0]) : (d[0], d[1], d[2]);
}

static void Time(ILabKernel v, (int M, int N, int K) size, bool f64, params double[] args2)
{
    var rng = new Random(1);
    var (m, n, k) = size;
    double flops = 2.0 * m * n * k, best = double.MaxValue;
    Action run;
    if (f64)
    {
        double[] a = Enumerable.Range(0, m * k).Select(_ => rng.NextDouble()).ToArray(), b = Enumerable.Range(0, k * n).Select(_ => rng.NextDouble()).ToArray(), c = new double[m * n];
        run = () => v.Multiply(m, n, k, a, b, c);
    }
    else
    {
        float[] a = Enumerable.Range(0, m * k).Select(_ => (float)rng.NextDouble()).ToArray(), b = Enumerable.Range(0, k * n).Select(_ => (float)rng.NextDouble()).ToArray(), c = new float[m * n];
        run = () => v.Multiply(m, n, k, a, b, c);
    }
    run();
    var total = Stopwatch.StartNew();
    var proc = Process.GetCurrentProcess();
    var cpu0 = proc.TotalProcessorTime;
    int runs = 0;
    double bestCpu = double.MaxValue;
    double budget = args2.Length > 0 ? args2[0] : 1.5;
    while (runs < 3 || (total.Elapsed.TotalSeconds < budget && runs < 400))
    {
        long t0 = Stopwatch.GetTimestamp();
        double c0 = ThreadCpu.Seconds();
        run();
        bestCpu = Math.Min(bestCpu, ThreadCpu.Seconds() - c0);
        best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds);
        runs++;
    }
    proc.Refresh();
    // CPU-time rate: flops per second of CPU time summed over threads — per-core efficiency, robust to a loaded machine.
    double cpuRate = flops * runs / (proc.TotalProcessorTime - cpu0).TotalSeconds / 1e9 * Parallelism.MaxThreads;
    string shape = m == n && n == k ? $"n={n,5}" : $"{m}x{n}x{k}";
    // Best thread-CPU-time rate (1 thread only): the run with the fewest cycles lost to other processes.
    string threadRate = Parallelism.MaxThreads == 1 ? string.Format(CultureInfo.InvariantCulture, "; thread-cpu {0:F1}", flops / bestCpu / 1e9) : "";
    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-3} {1} {2}  {3,8:F1} GFLOP/s  ({4:F2} ms, best of {5}; cpu-time rate {7:F1}{8})  {6}",
        v.Name, f64 ? "f64" : "f32", shape, flops / best / 1e9, best * 1e3, runs, v.Description, cpuRate, threadRate));
}

/// <summary>CPU time of the calling thread (Linux clock_gettime(CLOCK_THREAD_CPUTIME_ID)), in seconds.</summary>
internal static partial class ThreadCpu
{
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec { public long Sec; public long Nsec; }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec t);

    public static double Seconds()
    {
        if (!OperatingSystem.IsLinux()) return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        ClockGetTime(3, out var t);
        return t.Sec + t.Nsec * 1e-9;
    }
}
