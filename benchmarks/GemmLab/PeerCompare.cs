using System.Diagnostics;
using System.Globalization;
using Scratch.ML;
using Scratch.ML.Cpu;

namespace GemmLab;

/// <summary>
/// `peer` mode: ours (Gemm.Multiply) and NumPy/OpenBLAS (benchmarks/peers/gemm.py) alternating, several rounds, with
/// best-of wall time and best-of CPU time per call. On a machine shared with other jobs the wall-clock median of the
/// peer runner swings by 2–4×; the CPU time of the best call (our thread's CPU time; the Python process's CPU time)
/// counts only cycles actually spent on the product, so at 1 thread it compares the two codes fairly.
/// Usage: GemmLab peer N[,N…] THREADS ROUNDS
/// </summary>
internal static class PeerCompare
{
    public static void Run(string[] args)
    {
        int[] sizes = args[1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int threads = int.Parse(args[2], CultureInfo.InvariantCulture);
        int rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        Parallelism.MaxThreads = threads;
        Console.WriteLine($"# GEMM vs NumPy/OpenBLAS, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, threads={threads}, rounds={rounds}, best of each");
        Console.WriteLine("# dtype      n thr   ours wall  numpy wall   ratio |  ours cpu  numpy cpu   ratio | ours GFLOP/s (cpu)  numpy GFLOP/s (cpu)");
        foreach (string dtype in new[] { "float32", "float64" })
            foreach (int n in sizes)
            {
                double ow = double.MaxValue, oc = double.MaxValue, pw = double.MaxValue, pc = double.MaxValue;
                var ours = Ours(dtype, n);
                for (int r = 0; r < rounds; r++)
                {
                    var (w, c) = BestOf(ours, 1.0);
                    ow = Math.Min(ow, w); oc = Math.Min(oc, c);
                    var (w2, c2) = Python(dtype, n, threads, 1.0);
                    pw = Math.Min(pw, w2); pc = Math.Min(pc, c2);
                }
                double flops = 2.0 * n * n * n;
                // At t threads our CPU time is the calling thread's only; report CPU ratios for 1 thread.
                string cpu = threads == 1
                    ? string.Format(CultureInfo.InvariantCulture, "{0,9:F3} {1,10:F3} {2,7:F2} | {3,8:F1} {4,18:F1}", oc * 1e3, pc * 1e3, pc / oc, flops / oc / 1e9, flops / pc / 1e9)
                    : "        -          -       - |";
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-8} {1,6} {2,3} {3,9:F3}ms {4,9:F3}ms {5,7:F2} | {6}   wall: ours {7:F1} numpy {8:F1} GFLOP/s",
                    dtype, n, threads, ow * 1e3, pw * 1e3, pw / ow, cpu, flops / ow / 1e9, flops / pw / 1e9));
            }
    }

    private static Action Ours(string dtype, int n)
    {
        var rng = new Random(1);
        if (dtype == "float64")
        {
            double[] a = Enumerable.Range(0, n * n).Select(_ => rng.NextDouble()).ToArray(), b = a.ToArray(), c = new double[n * n];
            return () => Gemm.Multiply<double>(n, n, n, 1.0, a, n, 1, b, n, 1, 0.0, c, n, 1);
        }
        float[] af = Enumerable.Range(0, n * n).Select(_ => (float)rng.NextDouble()).ToArray(), bf = af.ToArray(), cf = new float[n * n];
        return () => Gemm.Multiply<float>(n, n, n, 1f, af, n, 1, bf, n, 1, 0f, cf, n, 1);
    }

    private static (double Wall, double Cpu) BestOf(Action run, double seconds)
    {
        run();
        double bw = double.MaxValue, bc = double.MaxValue;
        var total = Stopwatch.StartNew();
        for (int runs = 0; runs < 5 || total.Elapsed.TotalSeconds < seconds; runs++)
        {
            long t0 = Stopwatch.GetTimestamp();
            double c0 = ThreadCpu.Seconds();
            run();
            bc = Math.Min(bc, ThreadCpu.Seconds() - c0);
            bw = Math.Min(bw, Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        return (bw, bc);
    }

    private static (double Wall, double Cpu) Python(string dtype, int n, int threads, double seconds)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Scratch.ML.sln"))) dir = dir.Parent;
        string script = Path.Combine(dir!.FullName, "benchmarks", "peers", "gemm.py");
        var psi = new ProcessStartInfo("/usr/bin/python3", $"\"{script}\" {dtype} {n} {seconds.ToString(CultureInfo.InvariantCulture)}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // As the peer runner does (PERF.md): OpenBLAS's own kernel for this CPU, not the 256-bit Haswell one.
        psi.Environment.Remove("OPENBLAS_CORETYPE");
        psi.Environment.Remove("OPENBLAS_L2_SIZE");
        psi.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        psi.Environment["OMP_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd();
        string stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("gemm.py failed: " + stderr);
        var parts = stdout.Trim().Split('\n')[^1].Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }
}
