using System.Diagnostics;
using System.Globalization;

namespace Scratch.ML.Benchmarks.Peers;

/// <summary>
/// Runs every <see cref="IPeerWorkload"/> (optionally filtered) alternating ours and the peers, two rounds each, and
/// prints <c>workload, ours, peer, ratio</c> lines (ratio = peer time / our time: above 1 means we are faster).
/// </summary>
public static class PeerRunner
{
    private const int Rounds = 2;
    private static readonly List<string> peerNotes = [];

    /// <summary><c>SCRATCHML_PEER_THREADS=n</c> runs every workload (ours and the peer) at n threads, e.g. with
    /// <c>taskset -c 0</c> for a one-core comparison.</summary>
    private static readonly int? ThreadOverride =
        int.TryParse(Environment.GetEnvironmentVariable("SCRATCHML_PEER_THREADS"), out int t) && t >= 1 ? t : null;
    /// <summary>Workloads whose first run takes longer than this many seconds are timed once per round.</summary>
    private const double SingleShot = 10;
    private static readonly TimeSpan MinMeasure = TimeSpan.FromMilliseconds(400);

    public static int Run(string[] filters)
    {
        var workloads = typeof(PeerRunner).Assembly.GetTypes()
            .Where(t => typeof(IPeerWorkload).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface)
            .SelectMany(Instances)
            .Where(w => filters.Length == 0 || filters.Any(f => w.Group.Equals(f, StringComparison.OrdinalIgnoreCase) || w.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(w => w.Group).ThenBy(w => w.Name)
            .ToList();
        Console.WriteLine($"# peer comparison, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine("# ratio = peer time / our time (> 1: Scratch.ML is faster). Times are medians, best of rounds.");
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-40} {1,3} {2,12} {3,12} {4,8} {5,12} {6,8} {7,10}", "workload", "thr", "ours", "peer", "ratio", "mathnet", "ratio", "ours rate"));
        int failures = 0;
        foreach (var w in workloads)
        {
            try
            {
                int saved = Parallelism.MaxThreads;
                int threads = ThreadOverride ?? w.Threads;
                Parallelism.MaxThreads = threads;
                w.Setup();
                double ours = double.PositiveInfinity, peer = double.PositiveInfinity, math = double.PositiveInfinity;
                for (int r = 0; r < Rounds && !(r > 0 && ours > SingleShot); r++)
                {
                    ours = Math.Min(ours, Median(w.RunOurs));
                    if (w.PythonArgs is { } pa) peer = Math.Min(peer, Python(w.Group, pa, threads));
                    if (w.MathNet is { } mn) math = Math.Min(math, Median(mn));
                }
                Parallelism.MaxThreads = saved;
                string rate = w.WorkPerRun > 0 ? $"{w.WorkPerRun / ours / 1e9:F1} {w.RateUnit}" : "";
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-40} {1,3} {2,12} {3,12} {4,8} {5,12} {6,8} {7,10}",
                    w.Name, threads, Fmt(ours), Fmt(peer), Ratio(peer, ours), Fmt(math), Ratio(math, ours), rate));
                if (w.Note is { } note) Console.WriteLine($"#   ours: {note}");
                foreach (var line in peerNotes.Distinct()) Console.WriteLine($"#   peer: {line}");
                peerNotes.Clear();
            }
            catch (Exception ex)
            {
                failures++;
                Console.WriteLine($"{w.Name,-40} FAILED: {ex.GetType().Name}: {ex.Message}");
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private static IEnumerable<IPeerWorkload> Instances(Type t)
    {
        // A type either has a parameterless constructor or a static "All" property listing its parameterisations.
        var all = t.GetProperty("All", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static);
        if (all?.GetValue(null) is IEnumerable<IPeerWorkload> many) return many;
        return t.GetConstructor(Type.EmptyTypes) is null ? [] : [(IPeerWorkload)Activator.CreateInstance(t)!];
    }

    /// <summary>Median seconds of one run, repeating until at least <see cref="MinMeasure"/> (and ≥ 3 runs) has passed.</summary>
    private static double Median(Action run)
    {
        long w0 = Stopwatch.GetTimestamp();
        run(); // warm-up (JIT, caches, page faults)
        double warm = Stopwatch.GetElapsedTime(w0).TotalSeconds;
        if (warm > SingleShot) return warm; // a run this long is its own measurement (JIT and caches are negligible)
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < 3 || (total.Elapsed < MinMeasure && times.Count < 200))
        {
            long t0 = Stopwatch.GetTimestamp();
            run();
            times.Add(Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }

    /// <summary>Runs the Python peer with Debian's interpreter; it prints its median seconds on the last line.</summary>
    private static double Python(string group, string args, int threads)
    {
        var script = Path.Combine(RepoRoot(), "benchmarks", "peers", "peer.py");
        var psi = new ProcessStartInfo("/usr/bin/python3", $"\"{script}\" {group} {threads} {args}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // PERF.md: OPENBLAS_CORETYPE pins OpenBLAS to a half-speed 256-bit kernel; unset it with OPENBLAS_L2_SIZE for the peer only.
        psi.Environment.Remove("OPENBLAS_CORETYPE");
        psi.Environment.Remove("OPENBLAS_L2_SIZE");
        psi.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        psi.Environment["OMP_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"peer.py {group} {args} failed: {stderr.Trim()}");
        var lines = stdout.Trim().Split('\n');
        peerNotes.AddRange(lines.Where(l => l.StartsWith('#')).Select(l => l.TrimStart('#').Trim()));
        var last = lines.Last(l => !l.StartsWith('#'));
        return double.Parse(last, CultureInfo.InvariantCulture);
    }

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Scratch.ML.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Scratch.ML.sln) above " + AppContext.BaseDirectory);
    }

    private static string Fmt(double s) => double.IsInfinity(s) ? "-" :
        s >= 1 ? $"{s:F3} s" : s >= 1e-3 ? $"{s * 1e3:F3} ms" : $"{s * 1e6:F1} us";

    private static string Ratio(double peer, double ours) => double.IsInfinity(peer) ? "-" : (peer / ours).ToString("F2", CultureInfo.InvariantCulture);
}
