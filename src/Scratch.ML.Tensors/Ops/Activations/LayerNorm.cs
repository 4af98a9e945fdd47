using System.Numerics;

namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Layer normalisation (Ba et al. 2016; PyTorch's <c>layer_norm</c>) over the trailing
        /// <paramref name="normalizedShape"/> axes: <c>y = (x − μ)/√(σ² + eps)·w + b</c>, with μ and the biased variance
        /// σ² taken over those axes. Shapes: x (…, *normalizedShape); weight and bias (*normalizedShape) or null.
        /// Forward: one fused pass per row (<see cref="NormalizationKernel"/>). VJP with x̂ = (x − μ)·rstd and
        /// ĝ = g·w: <c>∂L/∂x = rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂))</c>, <c>∂L/∂w = Σ g·x̂</c>, <c>∂L/∂b = Σ g</c> (sums over
        /// the leading axes); written with differentiable ops, so second derivatives work.
        /// </summary>
        /// <param name="normalizedShape">The trailing dimensions to normalise over (at least one).</param>
        /// <param name="weight">Elementwise scale w (or null).</param>
        /// <param name="bias">Elementwise shift b (or null).</param>
        /// <param name="eps">Added to the variance (default 1e-5, PyTorch's).</param>
        /// <exception cref="ArgumentException">x does not end with normalizedShape, or weight/bias have another shape.</exception>
        /// <exception cref="ArgumentOutOfRangeException">eps is negative or not finite.</exception>
        public Tensor<T> LayerNorm(ReadOnlySpan<int> normalizedShape, Tensor<T>? weight = null, Tensor<T>? bias = null, double eps = 1e-5)
        {
            ArgumentNullException.ThrowIfNull(x);
            NormalizationKernel.Validate("LayerNorm", x, normalizedShape, weight, bias, eps);
            return NormalizeRecorded(x, normalizedShape.Length, weight, bias, eps, center: true, "native_layer_norm");
        }
    }

    // Shared by LayerNorm and RmsNorm: fused forward, then one node whose inputs are [x, weight?, bias?].
    private static Tensor<T> NormalizeRecorded<T>(Tensor<T> x, int k, Tensor<T>? weight, Tensor<T>? bias, double eps, bool center, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var axes = NormalizationKernel.TrailingAxes(x.Rank, k);
        Tensor<T> y;
        (double[] Mean, double[] Rstd)? stats;
        using (Autograd.NoGrad()) y = NormalizationKernel.Forward(x, axes, weight, bias, eps, center, out stats);
        var inputs = new List<Tensor<T>>(3) { x };
        if (weight is not null) inputs.Add(weight);
        if (bias is not null) inputs.Add(bias);
        var state = new NormState(axes, eps, center, weight is not null, bias is not null, stats);
        return Autograd.Record(y, name, [.. inputs], static (g, n) => NormalizeVjp(g, n), state);
    }

    private sealed record NormState(int[] Axes, double Eps, bool Center, bool HasWeight, bool HasBias, (double[] Mean, double[] Rstd)? Stats);

    // The composite VJP is differentiable (used under createGraph and off the CPU); the fused one is its fast twin.
    private static Tensor<T>?[] NormalizeVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = n.State<NormState>();
        var x = n.Input(0);
        var result = new Tensor<T>?[n.InputCount];
        if (!Autograd.IsEnabled && s.Stats is { } stats && g.Device.Equals(Device.Cpu))
        {
            // Not recording the backward pass: one fused sweep with the saved statistics.
            int wi = s.HasWeight ? 1 : -1, bi = s.HasBias ? (s.HasWeight ? 2 : 1) : -1;
            var paramShape = Array.ConvertAll(s.Axes, a => x.Shape[a]);
            var (gx, gw, gb) = NormalizationBackward.Run(g, x, s.HasWeight ? n.Input(1) : null, paramShape, stats, s.Center,
                n.NeedsGrad(0), wi > 0 && n.NeedsGrad(wi), bi > 0 && n.NeedsGrad(bi));
            result[0] = gx;
            if (wi > 0) result[wi] = gw;
            if (bi > 0) result[bi] = gb;
            return result;
        }
        var xc = s.Center ? x - x.Mean(s.Axes, keepDims: true) : x;
        var rstd = NormalizationKernel.InverseRootMeanSquare(xc, s.Axes, s.Eps);
        var xhat = xc * rstd;
        int next = 1;
        if (s.HasWeight)
        {
            var w = n.Input(next);
            if (n.NeedsGrad(next)) result[next] = (g * xhat).SumTo(w.Shape);
            next++;
        }
        if (s.HasBias && n.NeedsGrad(next)) result[next] = g.SumTo(n.Input(next).Shape);
        if (n.NeedsGrad(0))
        {
            var gh = s.HasWeight ? g * n.Input(1) : g;
            var inner = gh - xhat * (gh * xhat).Mean(s.Axes, keepDims: true);
            if (s.Center) inner -= gh.Mean(s.Axes, keepDims: true);
            result[0] = rstd * inner;
        }
        return result;
    }
}
