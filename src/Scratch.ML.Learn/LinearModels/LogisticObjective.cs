using System.Numerics.Tensors;
using Scratch.ML.Optimization;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// F(W, b) = Σᵢ sᵢ·ℓᵢ + λ/2·‖W‖² and its gradient, parameters laid out as W (k, d) row-major then b (k) if fitted.
/// k = 1 is the binary (sigmoid) loss, k ≥ 2 the multinomial (softmax) loss.
/// </summary>
/// <remarks>
/// The rows are cut into fixed blocks of <see cref="BlockRows"/> (independent of the thread count); each block computes
/// its partial F and gradient into its own buffer (allocated once), blocks run in parallel, and the partial results are
/// added in block order — so the value and the gradient do not depend on the number of threads. Inner products and
/// the rank-one gradient updates use <see cref="TensorPrimitives"/> (SIMD).
/// </remarks>
internal sealed class LogisticObjective : IDifferentiableFunction
{
    internal const int BlockRows = 1024;
    private readonly double[] x, s;
    private readonly int[] codes;
    private readonly int n, d, k, blocks;
    private readonly bool intercept;
    private readonly double lambda;
    private readonly double[] partialF;
    private readonly double[][] partialG;
    private readonly double[] parameters;

    public LogisticObjective(double[] x, int[] codes, double[] s, int n, int d, int k, bool intercept, double lambda)
    {
        (this.x, this.codes, this.s, this.n, this.d, this.k, this.intercept, this.lambda) = (x, codes, s, n, d, k, intercept, lambda);
        blocks = (n + BlockRows - 1) / BlockRows;
        partialF = new double[blocks];
        partialG = new double[blocks][];
        for (int b = 0; b < blocks; b++) partialG[b] = new double[Size];
        parameters = new double[Size];
    }

    public int Size => k * d + (intercept ? k : 0);

    public double Evaluate(ReadOnlySpan<double> p, Span<double> g)
    {
        p.CopyTo(parameters);
        if (blocks == 1) Block(0);
        else Parallel.For(0, blocks, Block);
        g.Clear();
        double f = 0;
        for (int b = 0; b < blocks; b++)
        {
            f += partialF[b];
            TensorPrimitives.Add(g, partialG[b], g);
        }
        if (lambda > 0)
            for (int j = 0; j < k * d; j++)
            {
                f += 0.5 * lambda * p[j] * p[j];
                g[j] += lambda * p[j];
            }
        return f;
    }

    private void Block(int b)
    {
        var p = parameters.AsSpan();
        var g = partialG[b].AsSpan();
        g.Clear();
        Span<double> z = stackalloc double[k];
        double f = 0;
        int end = Math.Min(n, (b + 1) * BlockRows);
        for (int i = b * BlockRows; i < end; i++)
        {
            if (s[i] == 0) continue;
            var row = x.AsSpan(i * d, d);
            for (int c = 0; c < k; c++)
                z[c] = (intercept ? p[k * d + c] : 0) + Kernels.Dot(p.Slice(c * d, d), row);
            if (k == 1)
            {
                double zi = z[0], yi = codes[i] == 1 ? 1 : 0;
                // One exponential: e = exp(−|z|), softplus(z) = max(z, 0) + log1p(e), σ(z) = 1/(1+e) or e/(1+e).
                double e = Math.Exp(-Math.Abs(zi));
                f += s[i] * (Math.Max(zi, 0) + Kernels.Log1P(e) - yi * zi);
                z[0] = s[i] * ((zi >= 0 ? 1 / (1 + e) : e / (1 + e)) - yi);
            }
            else
            {
                double max = double.NegativeInfinity;
                for (int c = 0; c < k; c++) max = Math.Max(max, z[c]);
                double sum = 0;
                for (int c = 0; c < k; c++) sum += Math.Exp(z[c] - max);
                double lse = max + Math.Log(sum);
                f += s[i] * (lse - z[codes[i]]);
                for (int c = 0; c < k; c++) z[c] = s[i] * (Math.Exp(z[c] - lse) - (c == codes[i] ? 1 : 0));
            }
            for (int c = 0; c < k; c++)
            {
                var gc = g.Slice(c * d, d);
                Kernels.Axpy(z[c], row, gc);
                if (intercept) g[k * d + c] += z[c];
            }
        }
        partialF[b] = f;
    }

    /// <summary>σ(z) = 1 / (1 + e^{−z}) without overflow.</summary>
    internal static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}

/// <summary>Short-vector kernels for the per-row work of the linear models (inlined SIMD loops: the rows are short,
/// so a library call per row would cost more than the arithmetic).</summary>
internal static class Kernels
{
    /// <summary>Σ aᵢbᵢ with <see cref="System.Numerics.Vector{T}"/> lanes, then the scalar tail.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int n = a.Length, w = System.Numerics.Vector<double>.Count, i = 0;
        var acc = System.Numerics.Vector<double>.Zero;
        for (; i <= n - w; i += w) acc += new System.Numerics.Vector<double>(a.Slice(i, w)) * new System.Numerics.Vector<double>(b.Slice(i, w));
        double s = System.Numerics.Vector.Sum(acc);
        for (; i < n; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>y += α·x.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length, w = System.Numerics.Vector<double>.Count, i = 0;
        var va = new System.Numerics.Vector<double>(alpha);
        for (; i <= n - w; i += w) (new System.Numerics.Vector<double>(y.Slice(i, w)) + va * new System.Numerics.Vector<double>(x.Slice(i, w))).CopyTo(y.Slice(i, w));
        for (; i < n; i++) y[i] += alpha * x[i];
    }

    /// <summary>log(1 + u) accurate for small u (the rounding of 1 + u is compensated).</summary>
    public static double Log1P(double u)
    {
        double one = 1 + u;
        return one == 1 ? u : Math.Log(one) * u / (one - 1);
    }
}
