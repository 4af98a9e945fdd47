using System.Numerics;
using System.Numerics.Tensors;

namespace Scratch.ML;

/// <summary>
/// The fused CPU backward pass of layer/RMS normalisation, used when the backward pass is not itself recorded
/// (no <c>createGraph</c>): one sweep per row with the mean and rstd saved by the forward kernel,
/// x̂ = (x − μ)·rstd, ĝ = g·w, <c>∂L/∂x = rstd·(ĝ − mean(ĝ) − x̂·mean(ĝ·x̂))</c> (no mean(ĝ) term for RMS), and
/// per-chunk partial sums of g·x̂ and g for ∂L/∂w and ∂L/∂b added in chunk order (deterministic). Its reference twin
/// is the differentiable composite VJP in <c>LayerNorm.cs</c>, which the tests compare it with.
/// </summary>
internal static class NormalizationBackward
{
    public static (Tensor<T>? Gx, Tensor<T>? Gw, Tensor<T>? Gb) Run<T>(Tensor<T> g, Tensor<T> x, Tensor<T>? weight, int[] paramShape, (double[] Mean, double[] Rstd) stats,
        bool center, bool needX, bool needW, bool needB) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = stats.Mean.Length, d = rows == 0 ? 0 : x.Length / rows;
        var gs = g.Contiguous();
        var xs = x.Contiguous();
        var ga = gs.HostArray("LayerNormBackward");
        var xa = xs.HostArray("LayerNormBackward");
        int go = gs.Offset, xo = xs.Offset;
        var w = weight?.Contiguous().ToArray();
        var gx = needX ? new T[x.Length] : null;
        var (rowsPerChunk, chunks) = NormalizationKernel.Chunking(rows, d);
        var gwParts = needW ? new T[chunks][] : null;
        var gbParts = needB ? new T[chunks][] : null;
        Parallelism.For(chunks, c =>
        {
            var xhat = new T[d];
            var gh = new T[d];
            var gw = needW ? gwParts![c] = new T[d] : null;
            var gb = needB ? gbParts![c] = new T[d] : null;
            int end = Math.Min(rows, (c + 1) * rowsPerChunk);
            for (int r = c * rowsPerChunk; r < end; r++)
            {
                var gr = new ReadOnlySpan<T>(ga, go + r * d, d);
                T rstd = T.CreateTruncating(stats.Rstd[r]);
                TensorPrimitives.Subtract(new ReadOnlySpan<T>(xa, xo + r * d, d), T.CreateTruncating(stats.Mean[r]), xhat);
                TensorPrimitives.Multiply(xhat, rstd, xhat);                       // x̂
                if (gw is not null) TensorPrimitives.FusedMultiplyAdd(gr, xhat, gw, gw);
                if (gb is not null) TensorPrimitives.Add(gb, gr, gb);
                if (gx is null) continue;
                if (w is not null) TensorPrimitives.Multiply(gr, w, gh);
                else gr.CopyTo(gh);                                                  // ĝ
                T n = T.CreateTruncating(d);
                T meanGh = center ? TensorPrimitives.Sum<T>(gh) / n : T.Zero;
                T meanGhXhat = TensorPrimitives.Dot<T>(gh, xhat) / n;
                var dst = gx.AsSpan(r * d, d);
                TensorPrimitives.Multiply(xhat, -meanGhXhat, dst);
                TensorPrimitives.Add(dst, gh, dst);
                TensorPrimitives.Subtract(dst, meanGh, dst);
                TensorPrimitives.Multiply(dst, rstd, dst);
            }
        });
        return (gx is null ? null : Tensor.Wrap(gx, x.ShapeArray()),
                gwParts is null ? null : Tensor.Wrap(SumParts(gwParts, d), paramShape),
                gbParts is null ? null : Tensor.Wrap(SumParts(gbParts, d), paramShape));
    }

    private static T[] SumParts<T>(T[][] parts, int d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var total = new T[d];
        foreach (var p in parts) TensorPrimitives.Add(total, p, total);
        return total;
    }
}
