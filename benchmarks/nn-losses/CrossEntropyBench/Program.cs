using System.Diagnostics;
using Scratch.ML;
using Scratch.ML.NN;
using Scratch.ML.Rng;

// Cross-entropy forward + backward, float32, class-index targets, mean reduction:
// the fused node (CrossEntropyLoss) vs. the same loss composed of recorded ops
// (log_softmax → multiply by a one-hot constant → sum over classes → mean).
// Timing: 2 s warm-up of each (tiered JIT reaches its optimised code), then 15 alternating pairs of 100 ms windows
// (fused, composite); reported: the best window of each and the median of the per-pair ratios, which is robust to
// load from other processes on a shared machine.
Console.WriteLine("| (N, C) | fused (best) | composite (best) | speed-up (median of pairs) | max \\|Δgrad\\| |");
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
    Warm(Fused);
    Warm(Composite);
    var ratios = new double[15];
    double tf = double.MaxValue, tc = double.MaxValue;
    for (int r = 0; r < ratios.Length; r++)
    {
        double f = Window(Fused), k = Window(Composite);
        tf = Math.Min(tf, f);
        tc = Math.Min(tc, k);
        ratios[r] = k / f;
    }
    Array.Sort(ratios);
    Console.WriteLine($"| ({n}, {c}) | {tf * 1e6:F1} µs | {tc * 1e6:F1} µs | {ratios[ratios.Length / 2]:F2} | {maxDiff:E1} |");
}
return 0;

static void Warm(Action a)
{
    var warm = Stopwatch.StartNew();
    while (warm.Elapsed.TotalSeconds < 2) a();
}

static double Window(Action a)
{
    int iters = 0;
    var sw = Stopwatch.StartNew();
    while (sw.Elapsed.TotalMilliseconds < 100) { a(); iters++; }
    return sw.Elapsed.TotalSeconds / iters;
}
