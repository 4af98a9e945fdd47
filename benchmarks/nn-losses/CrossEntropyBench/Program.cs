using System.Diagnostics;
using Scratch.ML;
using Scratch.ML.NN;
using Scratch.ML.Rng;

// Cross-entropy forward + backward, float32, class-index targets, mean reduction:
// the fused node (CrossEntropyLoss) vs. the same loss composed of recorded ops
// (log_softmax → multiply by a one-hot constant → sum over classes → mean).
// Each timing: 2 s warm-up (tiered JIT reaches its optimised code), then the best of 7 windows of 150 ms.
Console.WriteLine("| (N, C) | fused | composite | speed-up | max |Δgrad| |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var (n, c) in new[] { (256, 10), (1024, 100), (512, 1000) })
{
    var g = new Generator(1);
    var x = Tensor.Normal<float>(0, 1, g, n, c).RequireGrad();
    var labels = new long[n];
    for (int i = 0; i < n; i++) labels[i] = (i * 7919) % c;
    var y = Tensor.FromArray(labels, n);
    var hot = Tensor.OneHot<float>(y, c);
    var ce = new CrossEntropyLoss<float>();
    void Fused() { x.Grad = null; ce.Forward(x, y).Backward(); }
    void Composite() { x.Grad = null; (-(x.LogSoftmax(1) * hot).Sum(1)).Mean().Backward(); }
    Fused();
    var gf = x.Grad!.ToArray();
    Composite();
    var gc = x.Grad!.ToArray();
    double maxDiff = 0;
    for (int i = 0; i < gf.Length; i++) maxDiff = Math.Max(maxDiff, Math.Abs(gf[i] - gc[i]));
    double tf = Time(Fused), tc = Time(Composite);
    Console.WriteLine($"| ({n}, {c}) | {tf * 1e6:F1} µs | {tc * 1e6:F1} µs | {tc / tf:F2} | {maxDiff:E1} |");
}
return 0;

static double Time(Action a)
{
    var warm = Stopwatch.StartNew();
    while (warm.Elapsed.TotalSeconds < 2) a();
    double best = double.MaxValue;
    for (int r = 0; r < 7; r++)
    {
        int iters = 0;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalMilliseconds < 150) { a(); iters++; }
        best = Math.Min(best, sw.Elapsed.TotalSeconds / iters);
    }
    return best;
}
