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
    private readonly int n, d, k, blocks, x0;
    private readonly bool intercept;
    private readonly double lambda;
    private readonly double[] partialF;
    private readonly double[][] partialG;
    private readonly double[] parameters;

    /// <summary>x: row i of the (n, d) row-major features at [x0 + i·d, x0 + (i+1)·d) (read only).</summary>
    public LogisticObjective(double[] x, int[] codes, double[] s, int n, int d, int k, bool intercept, double lambda, int x0 = 0)
    {
        (this.x, this.codes, this.s, this.n, this.d, this.k, this.intercept, this.lambda, this.x0) = (x, codes, s, n, d, k, intercept, lambda, x0);
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
        if (k == 1) { BinaryBlock(b); return; }
        var p = parameters.AsSpan();
        var g = partialG[b].AsSpan();
        g.Clear();
        Span<double> z = stackalloc double[k];
        double f = 0;
        int end = Math.Min(n, (b + 1) * BlockRows);
        for (int i = b * BlockRows; i < end; i++)
        {
            if (s[i] == 0) continue;
            var row = x.AsSpan(x0 + i * d, d);
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

    /// <summary>The binary loss on one block, four rows at a time (four independent dot products, one pass over the
    /// gradient for the four rank-one updates), then the remaining rows one by one.</summary>
    private void BinaryBlock(int b)
    {
        var w = parameters.AsSpan(0, d);
        double b0 = intercept ? parameters[d] : 0, f = 0, gb = 0;
        var g = partialG[b].AsSpan();
        g.Clear();
        var gw = g.Slice(0, d);
        int i = b * BlockRows, end = Math.Min(n, (b + 1) * BlockRows);
        Span<double> r = stackalloc double[4];
        for (; i + 4 <= end; i += 4)
        {
            var row0 = x.AsSpan(x0 + i * d, d);
            var row1 = x.AsSpan(x0 + (i + 1) * d, d);
            var row2 = x.AsSpan(x0 + (i + 2) * d, d);
            var row3 = x.AsSpan(x0 + (i + 3) * d, d);
            var (z0, z1, z2, z3) = Kernels.Dot4(w, row0, row1, row2, row3);
            f += Loss(i, b0 + z0, out r[0]) + Loss(i + 1, b0 + z1, out r[1]) + Loss(i + 2, b0 + z2, out r[2]) + Loss(i + 3, b0 + z3, out r[3]);
            Kernels.Axpy4(r, row0, row1, row2, row3, gw);
            gb += r[0] + r[1] + r[2] + r[3];
        }
        for (; i < end; i++)
        {
            var row = x.AsSpan(x0 + i * d, d);
            f += Loss(i, b0 + Kernels.Dot(w, row), out double ri);
            Kernels.Axpy(ri, row, gw);
            gb += ri;
        }
        if (intercept) g[d] = gb;
        partialF[b] = f;
    }

    /// <summary>sᵢ·(softplus(z) − yᵢz) and its derivative sᵢ·(σ(z) − yᵢ), with one exponential e = exp(−|z|).</summary>
    private double Loss(int i, double z, out double derivative)
    {
        double si = s[i];
        if (si == 0) { derivative = 0; return 0; }
        double yi = codes[i] == 1 ? 1 : 0, e = Math.Exp(-Math.Abs(z));
        derivative = si * ((z >= 0 ? 1 / (1 + e) : e / (1 + e)) - yi);
        return si * (Math.Max(z, 0) + Kernels.Log1P(e) - yi * z);
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

    /// <summary>(w·x0, w·x1, w·x2, w·x3) in one pass over w.</summary>
    public static (double, double, double, double) Dot4(ReadOnlySpan<double> w, ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> x3)
    {
        int n = w.Length, vw = System.Numerics.Vector<double>.Count, i = 0;
        var a0 = System.Numerics.Vector<double>.Zero;
        var a1 = a0;
        var a2 = a0;
        var a3 = a0;
        for (; i <= n - vw; i += vw)
        {
            var wv = new System.Numerics.Vector<double>(w.Slice(i, vw));
            a0 += wv * new System.Numerics.Vector<double>(x0.Slice(i, vw));
            a1 += wv * new System.Numerics.Vector<double>(x1.Slice(i, vw));
            a2 += wv * new System.Numerics.Vector<double>(x2.Slice(i, vw));
            a3 += wv * new System.Numerics.Vector<double>(x3.Slice(i, vw));
        }
        double s0 = System.Numerics.Vector.Sum(a0), s1 = System.Numerics.Vector.Sum(a1), s2 = System.Numerics.Vector.Sum(a2), s3 = System.Numerics.Vector.Sum(a3);
        for (; i < n; i++)
        {
            s0 += w[i] * x0[i];
            s1 += w[i] * x1[i];
            s2 += w[i] * x2[i];
            s3 += w[i] * x3[i];
        }
        return (s0, s1, s2, s3);
    }

    /// <summary>y += r₀x0 + r₁x1 + r₂x2 + r₃x3 in one pass over y.</summary>
    public static void Axpy4(ReadOnlySpan<double> r, ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> x3, Span<double> y)
    {
        int n = y.Length, vw = System.Numerics.Vector<double>.Count, i = 0;
        var c0 = new System.Numerics.Vector<double>(r[0]);
        var c1 = new System.Numerics.Vector<double>(r[1]);
        var c2 = new System.Numerics.Vector<double>(r[2]);
        var c3 = new System.Numerics.Vector<double>(r[3]);
        for (; i <= n - vw; i += vw)
        {
            var acc = new System.Numerics.Vector<double>(y.Slice(i, vw));
            acc += c0 * new System.Numerics.Vector<double>(x0.Slice(i, vw)) + c1 * new System.Numerics.Vector<double>(x1.Slice(i, vw))
                 + c2 * new System.Numerics.Vector<double>(x2.Slice(i, vw)) + c3 * new System.Numerics.Vector<double>(x3.Slice(i, vw));
            acc.CopyTo(y.Slice(i, vw));
        }
        for (; i < n; i++) y[i] += r[0] * x0[i] + r[1] * x1[i] + r[2] * x2[i] + r[3] * x3[i];
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
