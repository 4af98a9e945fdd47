using System.Diagnostics;
using Scratch.ML.Benchmarks.Peers;

namespace Scratch.ML.Benchmarks.NN;

/// <summary>
/// Relative profiling of the MLP step on a loaded machine (<c>dotnet run … -- peers nnprofile</c>): process CPU time
/// per call (not wall time, which other processes inflate) of the step and of its six GEMMs in the layouts the
/// step uses, at one thread. Prints to stderr during Setup; the timed run is the whole step.
/// </summary>
public sealed class MlpProfileWorkload : IPeerWorkload
{
    private MlpTrainingStep step = null!;

    public string Group => "nnprofile";
    public string Name => "mlp step profile (cpu time)";
    public int Threads => 1;
    public double WorkPerRun => 0;
    public string RateUnit => "";
    public string? PythonArgs => null;
    public Action? MathNet => null;

    public void Setup()
    {
        step = new MlpTrainingStep();
        step.Validate();
        var pause0 = GC.GetTotalPauseDuration();
        int gen0 = GC.CollectionCount(0), gen2 = GC.CollectionCount(2);
        long alloc0 = GC.GetAllocatedBytesForCurrentThread();
        step.ResetPhases();
        Report("whole step", 300, () => step.Run(timePhases: true));
        Console.Error.WriteLine($"#   per step: GC pause {(GC.GetTotalPauseDuration() - pause0).TotalMilliseconds / 310:F3} ms, " +
            $"{(GC.GetAllocatedBytesForCurrentThread() - alloc0) / 310} B allocated; {GC.CollectionCount(0) - gen0} gen0 / {GC.CollectionCount(2) - gen2} gen2 GCs in 310 steps; " +
            $"wall forward+loss {step.ForwardMs / 310:F3}, backward {step.BackwardMs / 310:F3}, adam {step.StepMs / 310:F3} ms");
        Report("forward + loss only (graph dropped)", 300, () => step.ForwardOnly());
        Report("adam step only", 300, () => step.AdamOnly());
        int b = MlpTrainingStep.Batch;
        (int M, int N, int K, string What)[] gemms =
        [
            (b, 512, 784, "fwd L1 x·W1ᵀ"), (b, 256, 512, "fwd L2"), (b, 10, 256, "fwd L3"),
            (10, 256, b, "bwd L3 gᵀ·x"), (b, 256, 10, "bwd L3 g·W"), (256, 512, b, "bwd L2 gᵀ·x"),
            (b, 512, 256, "bwd L2 g·W"), (512, 784, b, "bwd L1 gᵀ·x"),
        ];
        double total = 0;
        foreach (var (m, n, k, what) in gemms)
        {
            var a = Tensor.Uniform<float>(-1, 1, new ML.Rng.Generator(1), m, k);
            var w = Tensor.Uniform<float>(-1, 1, new ML.Rng.Generator(2), n, k);
            var at = Tensor.Uniform<float>(-1, 1, new ML.Rng.Generator(3), k, m).MT; // gᵀ layouts
            var bb = Tensor.Uniform<float>(-1, 1, new ML.Rng.Generator(4), k, n);
            var c = Tensor.Zeros<float>(m, n);
            bool transposedA = what.Contains("gᵀ"), transposedB = what.Contains("Wᵀ") || what.StartsWith("fwd");
            var lhs = transposedA ? at : a;
            var rhs = transposedB ? w.MT : bb;
            total += Report($"{what} ({m}×{n}×{k}{(transposedA ? ", A col-major" : "")}{(transposedB ? ", B col-major" : "")})", 300, () => lhs.MatMul(rhs, c));
        }
        Console.Error.WriteLine($"#   sum of GEMMs {total:F3} ms");
        var y = Tensor.Uniform<float>(-1, 1, new ML.Rng.Generator(5), b, 512);
        var bias = Tensor.Uniform<float>(-1, 1, new ML.Rng.Generator(6), 512);
        Report("relu (128×512)", 300, () => y.Relu());
        Report("relu backward (128×512)", 300, () => Tensor.ReluBackward(y, y));
        Report("sum rows (128×512 → 512)", 300, () => y.Sum(0));
        Report("bias broadcast add (128×512)", 300, () => _ = y + bias);
        Report("alloc 128×512 zeroed", 300, () => Tensor.Zeros<float>(b, 512));
    }

    private static double Report(string what, int runs, Action body)
    {
        for (int i = 0; i < 10; i++) body();
        var p = Process.GetCurrentProcess();
        var cpu0 = p.TotalProcessorTime;
        long t0 = Stopwatch.GetTimestamp();
        for (int i = 0; i < runs; i++) body();
        p.Refresh();
        double cpu = (p.TotalProcessorTime - cpu0).TotalMilliseconds / runs;
        double wall = Stopwatch.GetElapsedTime(t0).TotalMilliseconds / runs;
        Console.Error.WriteLine($"#   {what,-48} cpu {cpu,7:F3} ms   wall {wall,7:F3} ms");
        return cpu;
    }

    public void RunOurs() => step.Run();
}
