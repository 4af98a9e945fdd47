using Scratch.ML.Optimization;

namespace Scratch.ML.Tests.Optimization;

/// <summary>A named test problem: objective with gradient and Hessian, start, a known minimiser and minimum.</summary>
public sealed record TestProblem(string Name, GradientFunc Function, HessianFunc Hessian, double[] Start, double[] Minimizer, double Minimum)
{
    public override string ToString() => Name;
}

/// <summary>Classic unconstrained test functions (Moré, Garbow &amp; Hillstrom 1981 and friends).</summary>
public static class TestProblems
{
    /// <summary>Extended Rosenbrock Σ 100(x_{i+1} − xᵢ²)² + (1 − xᵢ)², minimum 0 at (1, …, 1).</summary>
    public static double Rosenbrock(ReadOnlySpan<double> x, Span<double> g)
    {
        double f = 0;
        if (!g.IsEmpty) g.Clear();
        for (int i = 0; i + 1 < x.Length; i++)
        {
            double t = x[i + 1] - x[i] * x[i], u = 1 - x[i];
            f += 100 * t * t + u * u;
            if (!g.IsEmpty)
            {
                g[i] += -400 * t * x[i] - 2 * u;
                g[i + 1] += 200 * t;
            }
        }
        return f;
    }

    public static void RosenbrockHessian(ReadOnlySpan<double> x, Span<double> h)
    {
        int n = x.Length;
        h.Clear();
        for (int i = 0; i + 1 < n; i++)
        {
            h[i * n + i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
            h[i * n + i + 1] += -400 * x[i];
            h[(i + 1) * n + i] += -400 * x[i];
            h[(i + 1) * n + i + 1] += 200;
        }
    }

    /// <summary>Beale: minimum 0 at (3, 0.5).</summary>
    public static double Beale(ReadOnlySpan<double> p, Span<double> g)
    {
        double x = p[0], y = p[1];
        double a = 1.5 - x + x * y, b = 2.25 - x + x * y * y, c = 2.625 - x + x * y * y * y;
        if (!g.IsEmpty)
        {
            g[0] = 2 * a * (y - 1) + 2 * b * (y * y - 1) + 2 * c * (y * y * y - 1);
            g[1] = 2 * a * x + 2 * b * 2 * x * y + 2 * c * 3 * x * y * y;
        }
        return a * a + b * b + c * c;
    }

    public static void BealeHessian(ReadOnlySpan<double> p, Span<double> h) => NumericalDifferentiation.Hessian(Beale, p, h);

    /// <summary>Booth: (x + 2y − 7)² + (2x + y − 5)², minimum 0 at (1, 3).</summary>
    public static double Booth(ReadOnlySpan<double> p, Span<double> g)
    {
        double a = p[0] + 2 * p[1] - 7, b = 2 * p[0] + p[1] - 5;
        if (!g.IsEmpty) { g[0] = 2 * a + 4 * b; g[1] = 4 * a + 2 * b; }
        return a * a + b * b;
    }

    public static void BoothHessian(ReadOnlySpan<double> p, Span<double> h) { h[0] = 10; h[1] = 8; h[2] = 8; h[3] = 10; }

    /// <summary>Himmelblau: (x² + y − 11)² + (x + y² − 7)², four minima with value 0, one at (3, 2).</summary>
    public static double Himmelblau(ReadOnlySpan<double> p, Span<double> g)
    {
        double x = p[0], y = p[1];
        double a = x * x + y - 11, b = x + y * y - 7;
        if (!g.IsEmpty) { g[0] = 4 * a * x + 2 * b; g[1] = 2 * a + 4 * b * y; }
        return a * a + b * b;
    }

    public static void HimmelblauHessian(ReadOnlySpan<double> p, Span<double> h)
    {
        double x = p[0], y = p[1];
        h[0] = 12 * x * x + 4 * y - 42;
        h[1] = h[2] = 4 * x + 4 * y;
        h[3] = 4 * x + 12 * y * y - 26;
    }

    /// <summary>Convex quadratic ½xᵀAx − bᵀx with A = tridiag(−1, 4, −1) (n = 5) and b = (1, …, 5).</summary>
    public static double Quadratic(ReadOnlySpan<double> x, Span<double> g)
    {
        int n = x.Length;
        double f = 0;
        for (int i = 0; i < n; i++)
        {
            double ax = 4 * x[i] - (i > 0 ? x[i - 1] : 0) - (i + 1 < n ? x[i + 1] : 0);
            if (!g.IsEmpty) g[i] = ax - (i + 1);
            f += 0.5 * x[i] * ax - (i + 1) * x[i];
        }
        return f;
    }

    public static void QuadraticHessian(ReadOnlySpan<double> x, Span<double> h)
    {
        int n = x.Length;
        h.Clear();
        for (int i = 0; i < n; i++)
        {
            h[i * n + i] = 4;
            if (i > 0) h[i * n + i - 1] = -1;
            if (i + 1 < n) h[i * n + i + 1] = -1;
        }
    }

    /// <summary>The solution of A·x = b for <see cref="Quadratic"/> by the Thomas algorithm.</summary>
    public static double[] QuadraticSolution(int n)
    {
        double[] c = new double[n], d = new double[n], x = new double[n];
        for (int i = 0; i < n; i++)
        {
            double denom = 4 + (i > 0 ? c[i - 1] : 0);
            c[i] = -1 / denom;
            d[i] = ((i + 1) - (i > 0 ? -d[i - 1] : 0)) / denom;
        }
        for (int i = n - 1; i >= 0; i--) x[i] = d[i] - c[i] * (i + 1 < n ? x[i + 1] : 0);
        return x;
    }

    public static IEnumerable<TestProblem> All()
    {
        yield return new("Rosenbrock2", Rosenbrock, RosenbrockHessian, [-1.2, 1.0], [1, 1], 0);
        yield return new("Rosenbrock10", Rosenbrock, RosenbrockHessian, Enumerable.Repeat(-1.2, 5).SelectMany(v => new[] { v, 1.0 }).ToArray(), Enumerable.Repeat(1.0, 10).ToArray(), 0);
        yield return new("Beale", Beale, BealeHessian, [1, 1], [3, 0.5], 0);
        yield return new("Booth", Booth, BoothHessian, [0, 0], [1, 3], 0);
        yield return new("Himmelblau", Himmelblau, HimmelblauHessian, [1, 1], [3, 2], 0);
        double[] qs = QuadraticSolution(5);
        double qmin = Quadratic(qs, default);
        yield return new("Quadratic5", Quadratic, QuadraticHessian, [0, 0, 0, 0, 0], qs, qmin);
    }
}
