namespace Scratch.ML.Optimization;

/// <summary>Small dense vector helpers shared by the optimisers (n is small; clarity over SIMD).</summary>
internal static class VectorMath
{
    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    internal static double NormInf(ReadOnlySpan<double> a)
    {
        double m = 0;
        for (int i = 0; i < a.Length; i++) m = Math.Max(m, Math.Abs(a[i]));
        return m;
    }

    internal static double Norm2(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    /// <summary>y ← y + alpha·x.</summary>
    internal static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++) y[i] += alpha * x[i];
    }

    internal static bool AllFinite(ReadOnlySpan<double> a)
    {
        foreach (double v in a) if (!double.IsFinite(v)) return false;
        return true;
    }

    /// <summary>Throws when a starting point is empty or holds NaN/∞.</summary>
    internal static void RequireFiniteStart(string op, ReadOnlySpan<double> x0)
    {
        if (x0.IsEmpty) throw new ArgumentException($"{op}: the starting point must have at least one component, got length 0.", nameof(x0));
        for (int i = 0; i < x0.Length; i++)
            if (!double.IsFinite(x0[i]))
                throw new ArgumentException($"{op}: the starting point must be finite, got x0[{i}] = {x0[i]}.", nameof(x0));
    }

    /// <summary>Throws when the objective is not finite at the starting point (nothing sensible can follow).</summary>
    internal static void RequireFiniteValue(string op, double f, ReadOnlySpan<double> g)
    {
        if (!double.IsFinite(f)) throw new ArgumentException($"{op}: the objective is not finite at the starting point (f = {f}).", "x0");
        for (int i = 0; i < g.Length; i++)
            if (!double.IsFinite(g[i]))
                throw new ArgumentException($"{op}: the gradient is not finite at the starting point (g[{i}] = {g[i]}).", "x0");
    }

    /// <summary>SciPy's relative reduction test (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ ftol.</summary>
    internal static bool RelativeReductionBelow(double fOld, double fNew, double ftol) =>
        (fOld - fNew) <= ftol * Math.Max(Math.Max(Math.Abs(fOld), Math.Abs(fNew)), 1.0);
}
