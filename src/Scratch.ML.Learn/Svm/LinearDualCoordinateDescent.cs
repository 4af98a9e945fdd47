using System.Numerics;
using System.Runtime.InteropServices;
using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Svm;

/// <summary>
/// The dual coordinate descent solvers of Hsieh, Chang, Lin, Keerthi and Sundararajan (2008), "A dual coordinate
/// descent method for large-scale linear SVM" (ICML), as liblinear organises them: one α per sample, w = Σᵢ αᵢyᵢx̂ᵢ kept
/// up to date, each step a closed-form one-variable minimisation, with optional shrinking of variables stuck at a bound.
/// x̂ᵢ = (xᵢ, s) when a bias feature s ≥ 0 is appended (liblinear's intercept: its weight is regularised like the others).
/// </summary>
/// <remarks>Data are float64, row-major (n, d); rows are contiguous, so w·xᵢ and w += δxᵢ are SIMD dot/axpy.</remarks>
internal static class LinearDualCoordinateDescent
{
    /// <summary>The result of a solve: w (d, plus the bias weight last when a bias is used), epochs run, whether the tolerance was met.</summary>
    internal readonly record struct Solution(double[] W, int Iterations, bool Converged);

    /// <summary>
    /// Classification: min_α ½αᵀQ̄α − eᵀα, 0 ≤ αᵢ ≤ Uᵢ, with Q̄ = Q + D, Qᵢⱼ = yᵢyⱼx̂ᵢ·x̂ⱼ. Hinge: Uᵢ = Cᵢ, Dᵢᵢ = 0; squared
    /// hinge: Uᵢ = ∞, Dᵢᵢ = 1/(2Cᵢ). The primal is min_w ½‖w‖² + Σ Cᵢ ξ(yᵢ w·x̂ᵢ). Samples with Cᵢ = 0 are left out.
    /// Stops when the spread of projected gradients max PG − min PG ≤ <paramref name="eps"/> over all variables.
    /// </summary>
    /// <param name="x">(n, d) row-major.</param>
    /// <param name="n">Samples.</param>
    /// <param name="d">Features.</param>
    /// <param name="bias">The appended constant feature, or a negative value for none.</param>
    /// <param name="y">±1 per sample.</param>
    /// <param name="c">Cᵢ ≥ 0 per sample.</param>
    /// <param name="squaredHinge">Squared hinge (L2 loss) instead of hinge (L1 loss).</param>
    /// <param name="eps">Stopping tolerance on the projected-gradient spread.</param>
    /// <param name="maxIter">Maximum epochs.</param>
    /// <param name="rng">Draws the per-epoch permutation.</param>
    /// <param name="shrinking">Whether to shrink bound variables (re-checked on the full set before stopping).</param>
    /// <param name="alpha">On return, the dual variables (n).</param>
    public static Solution Classify(double[] x, int n, int d, double bias, sbyte[] y, double[] c, bool squaredHinge, double eps, int maxIter,
        Generator rng, bool shrinking, out double[] alpha)
    {
        bool hasBias = bias >= 0;
        var w = new double[d];
        double wb = 0;
        alpha = new double[n];
        var diag = new double[n];
        var upper = new double[n];
        var qd = new double[n];
        var index = new int[n];
        int l = 0;
        for (int i = 0; i < n; i++)
        {
            if (c[i] <= 0) continue;                                   // Cᵢ = 0: αᵢ = 0 is forced, the sample has no effect
            diag[i] = squaredHinge ? 0.5 / c[i] : 0;
            upper[i] = squaredHinge ? double.PositiveInfinity : c[i];
            var row = x.AsSpan(i * d, d);
            qd[i] = diag[i] + Dot(row, row) + (hasBias ? bias * bias : 0);
            index[l++] = i;
        }
        int active = l, iter = 0;
        double pgMaxOld = double.PositiveInfinity, pgMinOld = double.NegativeInfinity;
        bool converged = false;
        while (iter < maxIter)
        {
            double pgMax = double.NegativeInfinity, pgMin = double.PositiveInfinity;
            Shuffle(index, active, rng);
            for (int s = 0; s < active; s++)
            {
                int i = index[s];
                var row = x.AsSpan(i * d, d);
                double yi = y[i];
                double g = yi * (Dot(w, row) + wb * (hasBias ? bias : 0)) - 1 + alpha[i] * diag[i];
                double u = upper[i], pg = 0;
                if (alpha[i] == 0)
                {
                    if (shrinking && g > pgMaxOld) { (index[s], index[active - 1]) = (index[active - 1], index[s]); active--; s--; continue; }
                    if (g < 0) pg = g;
                }
                else if (alpha[i] == u)
                {
                    if (shrinking && g < pgMinOld) { (index[s], index[active - 1]) = (index[active - 1], index[s]); active--; s--; continue; }
                    if (g > 0) pg = g;
                }
                else pg = g;
                pgMax = Math.Max(pgMax, pg);
                pgMin = Math.Min(pgMin, pg);
                if (Math.Abs(pg) > 1e-12)
                {
                    double old = alpha[i];
                    alpha[i] = Math.Min(Math.Max(old - g / qd[i], 0), u);
                    double delta = (alpha[i] - old) * yi;
                    Axpy(delta, row, w);
                    if (hasBias) wb += delta * bias;
                }
            }
            iter++;
            if (pgMax - pgMin <= eps || active == 0)
            {
                if (active == l) { converged = true; break; }
                active = l;                                            // unshrink and verify on the full set
                pgMaxOld = double.PositiveInfinity;
                pgMinOld = double.NegativeInfinity;
                continue;
            }
            pgMaxOld = pgMax <= 0 ? double.PositiveInfinity : pgMax;
            pgMinOld = pgMin >= 0 ? double.NegativeInfinity : pgMin;
        }
        return new Solution(hasBias ? [.. w, wb] : w, iter, converged);
    }

    /// <summary>
    /// Regression: min_β ½βᵀQβ − yᵀβ + p‖β‖₁ + Σ λᵢβᵢ²/2, −Uᵢ ≤ βᵢ ≤ Uᵢ, Qᵢⱼ = x̂ᵢ·x̂ⱼ, w = Σβᵢx̂ᵢ. ε-insensitive:
    /// λᵢ = 0, Uᵢ = Cᵢ; squared ε-insensitive: λᵢ = 1/(2Cᵢ), Uᵢ = ∞. The primal is min_w ½‖w‖² + Σ Cᵢ ℓ(|yᵢ − w·x̂ᵢ| − p).
    /// Each step minimises the one-variable piecewise quadratic exactly. Stops when the summed violation of the
    /// optimality conditions is ≤ <paramref name="eps"/> times its value in the first epoch (liblinear's rule).
    /// </summary>
    public static Solution Regress(double[] x, int n, int d, double bias, double[] y, double[] c, double p, bool squared, double eps, int maxIter,
        Generator rng, bool shrinking, out double[] beta)
    {
        bool hasBias = bias >= 0;
        var w = new double[d];
        double wb = 0;
        beta = new double[n];
        var lambda = new double[n];
        var upper = new double[n];
        var qd = new double[n];
        var index = new int[n];
        int l = 0;
        for (int i = 0; i < n; i++)
        {
            if (c[i] <= 0) continue;
            lambda[i] = squared ? 0.5 / c[i] : 0;
            upper[i] = squared ? double.PositiveInfinity : c[i];
            var row = x.AsSpan(i * d, d);
            qd[i] = Dot(row, row) + (hasBias ? bias * bias : 0);
            index[l++] = i;
        }
        int active = l, iter = 0;
        double gMaxOld = double.PositiveInfinity, gNormInit = 0;
        bool converged = false;
        while (iter < maxIter)
        {
            double gMax = 0, gNorm = 0;
            Shuffle(index, active, rng);
            for (int s = 0; s < active; s++)
            {
                int i = index[s];
                var row = x.AsSpan(i * d, d);
                double b = beta[i], u = upper[i];
                double g = Dot(w, row) + wb * (hasBias ? bias : 0) - y[i] + lambda[i] * b;
                double h = qd[i] + lambda[i];
                double gp = g + p, gn = g - p, violation = 0;
                bool shrink = false;
                if (b == 0)
                {
                    if (gp < 0) violation = -gp;
                    else if (gn > 0) violation = gn;
                    else shrink = gp > gMaxOld && gn < -gMaxOld;
                }
                else if (b >= u)
                {
                    if (gp > 0) violation = gp;
                    else shrink = gp < -gMaxOld;
                }
                else if (b <= -u)
                {
                    if (gn < 0) violation = -gn;
                    else shrink = gn > gMaxOld;
                }
                else violation = b > 0 ? Math.Abs(gp) : Math.Abs(gn);
                if (shrink && shrinking)
                {
                    (index[s], index[active - 1]) = (index[active - 1], index[s]);
                    active--;
                    s--;
                    continue;
                }
                gMax = Math.Max(gMax, violation);
                gNorm += violation;
                // Newton step of the piecewise quadratic: the minimiser lies right of 0, left of 0, or at 0.
                double step = gp < h * b ? -gp / h : gn > h * b ? -gn / h : -b;
                if (Math.Abs(step) < 1e-12) continue;
                double nb = Math.Min(Math.Max(b + step, -u), u);
                double delta = nb - b;
                beta[i] = nb;
                if (delta != 0)
                {
                    Axpy(delta, row, w);
                    if (hasBias) wb += delta * bias;
                }
            }
            if (iter == 0) gNormInit = gNorm;
            iter++;
            if (gNorm <= eps * gNormInit || active == 0)
            {
                if (active == l) { converged = true; break; }
                active = l;
                gMaxOld = double.PositiveInfinity;
                continue;
            }
            gMaxOld = gMax;
        }
        return new Solution(hasBias ? [.. w, wb] : w, iter, converged);
    }

    /// <summary>Fisher–Yates over the first <paramref name="count"/> entries.</summary>
    private static void Shuffle(int[] index, int count, Generator rng)
    {
        for (int i = 0; i < count - 1; i++)
        {
            int j = i + (int)(rng.NextDouble() * (count - i));
            if (j >= count) j = count - 1;
            (index[i], index[j]) = (index[j], index[i]);
        }
    }

    /// <summary>a·b with <see cref="Vector{T}"/> lanes (two accumulators) and a scalar tail.</summary>
    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int k = 0, m = a.Length;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && m >= 2 * Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            var acc0 = Vector<double>.Zero;
            var acc1 = Vector<double>.Zero;
            int v = 0, lanes = va.Length;
            for (; v + 1 < lanes; v += 2)
            {
                acc0 += va[v] * vb[v];
                acc1 += va[v + 1] * vb[v + 1];
            }
            if (v < lanes) acc0 += va[v] * vb[v];
            sum = Vector.Sum(acc0 + acc1);
            k = lanes * Vector<double>.Count;
        }
        for (; k < m; k++) sum += a[k] * b[k];
        return sum;
    }

    /// <summary>y += a·x with <see cref="Vector{T}"/> lanes and a scalar tail.</summary>
    internal static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        int k = 0, m = x.Length;
        if (Vector.IsHardwareAccelerated && m >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y);
            var va = new Vector<double>(a);
            for (int v = 0; v < vx.Length; v++) vy[v] += va * vx[v];
            k = vx.Length * Vector<double>.Count;
        }
        for (; k < m; k++) y[k] += a * x[k];
    }
}
