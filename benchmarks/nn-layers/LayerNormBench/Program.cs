using System.Diagnostics;
using Scratch.ML;
using Scratch.ML.Rng;

// Fused LayerNorm (one kernel forward, one sweep backward) vs the same maths as composite differentiable ops.
// x: (rows, d) float32, normalised over the last axis with weight and bias; mean of `reps` calls after warm-up,
// measured `rounds` times (the first round includes JIT tiering).
int rows = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 8192;
int d = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 768;
const int reps = 20, rounds = 3;
var x = Tensor.Normal<float>(0, 1, new Generator(1), rows, d);
var w = Tensor.Normal<float>(1, 0.1, new Generator(2), d);
var b = Tensor.Normal<float>(0, 0.1, new Generator(3), d);
var g = Tensor.Normal<float>(0, 1, new Generator(4), rows, d);

static Tensor<float> Composite(Tensor<float> x, Tensor<float> w, Tensor<float> b)
{
    var xc = x - x.Mean([1], keepDims: true);
    var r = ((xc.Square().Mean([1], keepDims: true) + 1e-5f).Log() * -0.5f).Exp();
    return xc * r * w + b;
}

static double Time(Action a)
{
    a(); a();
    var sw = Stopwatch.StartNew();
    for (int i = 0; i < reps; i++) a();
    return sw.Elapsed.TotalMilliseconds / reps;
}

var xr = x.Clone().RequireGrad();
var wr = w.Clone().RequireGrad();
var br = b.Clone().RequireGrad();
void Clear() { xr.Grad = null; wr.Grad = null; br.Grad = null; }
Console.WriteLine($"LayerNorm ({rows}, {d}) float32, threads = {Parallelism.MaxThreads}");
for (int round = 0; round < rounds; round++)
{
    Console.WriteLine($"round {round}: forward fused {Time(() => x.LayerNorm([d], w, b)):F2} ms, composite {Time(() => Composite(x, w, b)):F2} ms; " +
        $"forward+backward fused {Time(() => { Clear(); xr.LayerNorm([d], wr, br).Backward(g); }):F2} ms, composite {Time(() => { Clear(); Composite(xr, wr, br).Backward(g); }):F2} ms");
}
