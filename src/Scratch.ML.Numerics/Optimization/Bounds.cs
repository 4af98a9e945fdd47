namespace Scratch.ML.Optimization;

/// <summary>Box-constraint helpers l ≤ x ≤ u shared by the bounded optimisers.</summary>
internal static class Bounds
{
    /// <summary>The bound array to use: a copy of <paramref name="given"/> validated for length and NaN, or all <paramref name="fill"/>.</summary>
    internal static double[] Resolve(string op, double[]? given, int n, double fill, string name)
    {
        if (given is null)
        {
            var all = new double[n];
            Array.Fill(all, fill);
            return all;
        }
        if (given.Length != n)
            throw new ArgumentException($"{op}: {name} must have length {n} (the length of x0), got {given.Length}.", name);
        for (int i = 0; i < n; i++)
            if (double.IsNaN(given[i]))
                throw new ArgumentException($"{op}: {name}[{i}] is NaN; use ±∞ for an absent bound.", name);
        return (double[])given.Clone();
    }

    internal static void RequireOrdered(string op, double[] lower, double[] upper)
    {
        for (int i = 0; i < lower.Length; i++)
            if (lower[i] > upper[i])
                throw new ArgumentException($"{op}: lower bound {lower[i]} exceeds upper bound {upper[i]} at index {i}.", "options");
    }

    internal static void Project(Span<double> x, double[] lower, double[] upper)
    {
        for (int i = 0; i < x.Length; i++) x[i] = Math.Clamp(x[i], lower[i], upper[i]);
    }

    internal static bool Inside(ReadOnlySpan<double> x, double[] lower, double[] upper)
    {
        for (int i = 0; i < x.Length; i++)
            if (x[i] < lower[i] || x[i] > upper[i]) return false;
        return true;
    }

    /// <summary>‖P(x − g) − x‖∞, SciPy's projected-gradient measure (the plain ‖g‖∞ without bounds).</summary>
    internal static double ProjectedGradientNormInf(ReadOnlySpan<double> x, ReadOnlySpan<double> g, double[] lower, double[] upper)
    {
        double m = 0;
        for (int i = 0; i < x.Length; i++) m = Math.Max(m, Math.Abs(Math.Clamp(x[i] - g[i], lower[i], upper[i]) - x[i]));
        return m;
    }

    /// <summary>‖P(x − g) − x‖₂.</summary>
    internal static double ProjectedGradientNorm2(ReadOnlySpan<double> x, ReadOnlySpan<double> g, double[] lower, double[] upper)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double v = Math.Clamp(x[i] - g[i], lower[i], upper[i]) - x[i];
            s += v * v;
        }
        return Math.Sqrt(s);
    }

    /// <summary>The largest α with l ≤ x + α·d ≤ u (+∞ when d never reaches a finite bound).</summary>
    internal static double MaxFeasibleStep(ReadOnlySpan<double> x, ReadOnlySpan<double> d, double[] lower, double[] upper)
    {
        double a = double.PositiveInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            if (d[i] > 0 && double.IsFinite(upper[i])) a = Math.Min(a, (upper[i] - x[i]) / d[i]);
            else if (d[i] < 0 && double.IsFinite(lower[i])) a = Math.Min(a, (lower[i] - x[i]) / d[i]);
        }
        return Math.Max(a, 0);
    }
}
