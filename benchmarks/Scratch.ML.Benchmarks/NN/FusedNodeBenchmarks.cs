using BenchmarkDotNet.Attributes;
using Scratch.ML.NN;
using Scratch.ML.Rng;

namespace Scratch.ML.Benchmarks.NN;

/// <summary>
/// Fused autograd nodes vs the same maths as a chain of recorded ops, forward + backward, float32:
/// cross-entropy with class indices (one node: log-softmax + pick; VJP softmax − one-hot) and LayerNorm over the last
/// axis with weight and bias (one forward kernel, one backward sweep). <c>[GlobalSetup]</c> checks that the fused
/// and composite gradients agree. Figures: <c>docs/performance/nn-losses.md</c>, <c>docs/performance/nn-layers.md</c>.
/// Run: <c>dotnet run -c Release --project benchmarks/Scratch.ML.Benchmarks -- --filter *FusedNode*</c>.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class FusedNodeBenchmarks
{
    private Tensor<float> logits = null!, oneHot = null!, x = null!, w = null!, b = null!, g = null!;
    private Tensor<long> labels = null!;
    private readonly CrossEntropyLoss<float> crossEntropy = new();

    /// <summary>Workload: "ce (N, C)" or "layernorm (rows, d)".</summary>
    [Params("ce 256x10", "ce 1024x100", "ce 512x1000", "layernorm 8192x768")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var gen = new Generator(1);
        if (Case.StartsWith("ce", StringComparison.Ordinal))
        {
            var dims = Case[3..].Split('x');
            int n = int.Parse(dims[0], System.Globalization.CultureInfo.InvariantCulture), c = int.Parse(dims[1], System.Globalization.CultureInfo.InvariantCulture);
            logits = Tensor.Normal<float>(0, 1, gen, n, c).RequireGrad();
            var l = new long[n];
            for (int i = 0; i < n; i++) l[i] = (i * 7919L) % c;
            labels = Tensor.FromArray(l, n);
            oneHot = Tensor.OneHot<float>(labels, c);
            Fused();
            var fused = logits.Grad!.Clone();
            Composite();
            Check(fused, logits.Grad!);
        }
        else
        {
            x = Tensor.Normal<float>(0, 1, gen, 8192, 768).RequireGrad();
            w = Tensor.Normal<float>(1, 0.1, gen, 768).RequireGrad();
            b = Tensor.Normal<float>(0, 0.1, gen, 768).RequireGrad();
            g = Tensor.Normal<float>(0, 1, gen, 8192, 768);
            Fused();
            var fused = x.Grad!.Clone();
            Composite();
            Check(fused, x.Grad!);
        }
    }

    private static void Check(Tensor<float> a, Tensor<float> c)
    {
        var d = (a - c).Abs().Max().ToScalar();
        if (!(d < 1e-4f)) throw new InvalidOperationException($"fused and composite gradients differ by {d}");
    }

    [Benchmark(Baseline = true)]
    public void Fused()
    {
        if (labels is not null)
        {
            logits.Grad = null;
            crossEntropy.Forward(logits, labels).Backward();
        }
        else
        {
            x.Grad = w.Grad = b.Grad = null;
            x.LayerNorm([768], w, b).Backward(g);
        }
    }

    [Benchmark]
    public void Composite()
    {
        if (labels is not null)
        {
            logits.Grad = null;
            (-(logits.LogSoftmax(1) * oneHot).Sum(1)).Mean().Backward();
        }
        else
        {
            x.Grad = w.Grad = b.Grad = null;
            var xc = x - x.Mean([1], keepDims: true);
            var rstd = (xc.Square().Mean([1], keepDims: true) + 1e-5f).Rsqrt();
            (xc * rstd * w + b).Backward(g);
        }
    }
}
