namespace Scratch.ML.Optimization;

/// <summary>The outcome of <see cref="NumericalDifferentiation.CheckGradient"/>.</summary>
/// <param name="Analytic">The gradient returned by the objective.</param>
/// <param name="Numerical">The central-difference gradient.</param>
/// <param name="MaxAbsoluteError">maxᵢ |analyticᵢ − numericalᵢ|.</param>
/// <param name="MaxRelativeError">maxᵢ |analyticᵢ − numericalᵢ| / max(|analyticᵢ|, |numericalᵢ|, 1).</param>
/// <param name="WorstIndex">The component with the largest relative error.</param>
/// <param name="Passed">Whether <see cref="MaxRelativeError"/> ≤ the requested tolerance.</param>
public sealed record GradientCheckResult(double[] Analytic, double[] Numerical, double MaxAbsoluteError, double MaxRelativeError, int WorstIndex, bool Passed);

/// <summary>
/// Finite-difference derivatives in double precision.
/// <para>
/// Gradient: central differences gᵢ ≈ (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / (2hᵢ) with hᵢ = ε^{1/3}·max(|xᵢ|, 1) ≈ 6.1e-6·max(|xᵢ|, 1).
/// The truncation error is h²·f‴/6 and the rounding error ε·|f|/h; h ∝ ε^{1/3} balances them, giving about
/// 10 correct digits for well-scaled f. The step actually taken, (xᵢ + h) − (xᵢ − h), is used as the divisor so that
/// the representation error of xᵢ ± h does not enter.
/// </para>
/// <para>
/// Hessian from a gradient: central differences of ∇f with the same step, then symmetrised ½(H + Hᵀ).
/// Hessian from values only: second differences with h = ε^{1/4}·max(|x|, 1) (the balance point for an O(h²)
/// second-difference formula, whose rounding error is ε·|f|/h²).
/// </para>
/// </summary>
public static class NumericalDifferentiation
{
    /// <summary>ε^{1/3} for float64, the relative step of first-order central differences.</summary>
    public static readonly double CentralStep = Math.Cbrt(2.220446049250313e-16);

    /// <summary>ε^{1/4} for float64, the relative step of second differences of function values.</summary>
    public static readonly double SecondDifferenceStep = Math.Pow(2.220446049250313e-16, 0.25);

    /// <summary>Central-difference gradient of <paramref name="function"/> at <paramref name="x"/> (2n evaluations).</summary>
    /// <exception cref="ArgumentException">x empty/non-finite or <paramref name="gradient"/> of the wrong length.</exception>
    public static void Gradient(ObjectiveFunc function, ReadOnlySpan<double> x, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(function);
        Require("NumericalDifferentiation.Gradient", x, gradient.Length, x.Length, nameof(gradient));
        double[] xp = x.ToArray();
        for (int i = 0; i < xp.Length; i++)
        {
            double xi = xp[i], h = CentralStep * Math.Max(Math.Abs(xi), 1.0);
            double up = xi + h, down = xi - h;
            xp[i] = up; double fUp = function(xp);
            xp[i] = down; double fDown = function(xp);
            xp[i] = xi;
            gradient[i] = (fUp - fDown) / (up - down);
        }
    }

    /// <summary>Central-difference gradient returned as a new array.</summary>
    public static double[] Gradient(ObjectiveFunc function, ReadOnlySpan<double> x)
    {
        var g = new double[x.Length];
        Gradient(function, x, g);
        return g;
    }

    /// <summary>Central-difference gradient of an <see cref="IObjectiveFunction"/>.</summary>
    public static double[] Gradient(IObjectiveFunction function, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Gradient(function.Evaluate, x);
    }

    /// <summary>
    /// Hessian (row-major n×n) by central differences of an analytic gradient, symmetrised; 2n gradient evaluations.
    /// </summary>
    public static void Hessian(GradientFunc valueAndGradient, ReadOnlySpan<double> x, Span<double> hessian)
    {
        ArgumentNullException.ThrowIfNull(valueAndGradient);
        int n = x.Length;
        Require("NumericalDifferentiation.Hessian", x, hessian.Length, n * n, nameof(hessian));
        double[] xp = x.ToArray(), gUp = new double[n], gDown = new double[n];
        for (int i = 0; i < n; i++)
        {
            double xi = xp[i], h = CentralStep * Math.Max(Math.Abs(xi), 1.0);
            double up = xi + h, down = xi - h;
            xp[i] = up; valueAndGradient(xp, gUp);
            xp[i] = down; valueAndGradient(xp, gDown);
            xp[i] = xi;
            for (int j = 0; j < n; j++) hessian[i * n + j] = (gUp[j] - gDown[j]) / (up - down);
        }
        Symmetrise(hessian, n);
    }

    /// <summary>
    /// Hessian (row-major n×n) from function values only: Hᵢᵢ = (f(x+hᵢeᵢ) − 2f(x) + f(x−hᵢeᵢ)) / hᵢ² and
    /// Hᵢⱼ = (f(x+hᵢeᵢ+hⱼeⱼ) − f(x+hᵢeᵢ−hⱼeⱼ) − f(x−hᵢeᵢ+hⱼeⱼ) + f(x−hᵢeᵢ−hⱼeⱼ)) / (4hᵢhⱼ), hᵢ = ε^{1/4}·max(|xᵢ|, 1).
    /// About 2n² evaluations; expect ~7 correct digits.
    /// </summary>
    public static void Hessian(ObjectiveFunc function, ReadOnlySpan<double> x, Span<double> hessian)
    {
        ArgumentNullException.ThrowIfNull(function);
        int n = x.Length;
        Require("NumericalDifferentiation.Hessian", x, hessian.Length, n * n, nameof(hessian));
        double[] xp = x.ToArray(), h = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Use a step exactly representable relative to xᵢ.
            double hi = SecondDifferenceStep * Math.Max(Math.Abs(xp[i]), 1.0);
            h[i] = (xp[i] + hi) - xp[i];
        }
        double f0 = function(xp);
        for (int i = 0; i < n; i++)
        {
            double xi = xp[i];
            xp[i] = xi + h[i]; double fUp = function(xp);
            xp[i] = xi - h[i]; double fDown = function(xp);
            xp[i] = xi;
            hessian[i * n + i] = (fUp - 2 * f0 + fDown) / (h[i] * h[i]);
            for (int j = 0; j < i; j++)
            {
                double xj = xp[j];
                xp[i] = xi + h[i]; xp[j] = xj + h[j]; double fpp = function(xp);
                xp[j] = xj - h[j]; double fpm = function(xp);
                xp[i] = xi - h[i]; double fmm = function(xp);
                xp[j] = xj + h[j]; double fmp = function(xp);
                xp[i] = xi; xp[j] = xj;
                double v = (fpp - fpm - fmp + fmm) / (4 * h[i] * h[j]);
                hessian[i * n + j] = v;
                hessian[j * n + i] = v;
            }
        }
    }

    /// <summary>
    /// Compares the analytic gradient of <paramref name="valueAndGradient"/> at <paramref name="x"/> with central
    /// differences of its value. A relative tolerance of 1e-6 suits smooth, well-scaled objectives (central differences
    /// carry ~1e-10 relative error; a wrong gradient is usually off by far more).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="relativeTolerance"/> not positive.</exception>
    public static GradientCheckResult CheckGradient(GradientFunc valueAndGradient, ReadOnlySpan<double> x, double relativeTolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(valueAndGradient);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(relativeTolerance);
        int n = x.Length;
        var analytic = new double[n];
        Require("NumericalDifferentiation.CheckGradient", x, n, n, "x");
        valueAndGradient(x, analytic);
        var scratch = new double[n];
        double[] numerical = Gradient(v => valueAndGradient(v, scratch), x);
        double maxAbs = 0, maxRel = 0;
        int worst = 0;
        for (int i = 0; i < n; i++)
        {
            double abs = Math.Abs(analytic[i] - numerical[i]);
            double rel = abs / Math.Max(Math.Max(Math.Abs(analytic[i]), Math.Abs(numerical[i])), 1.0);
            if (double.IsNaN(abs)) { rel = double.PositiveInfinity; abs = double.PositiveInfinity; }
            maxAbs = Math.Max(maxAbs, abs);
            if (rel > maxRel) { maxRel = rel; worst = i; }
        }
        return new GradientCheckResult(analytic, numerical, maxAbs, maxRel, worst, maxRel <= relativeTolerance);
    }

    private static void Symmetrise(Span<double> a, int n)
    {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
            {
                double v = 0.5 * (a[i * n + j] + a[j * n + i]);
                a[i * n + j] = v; a[j * n + i] = v;
            }
    }

    private static void Require(string op, ReadOnlySpan<double> x, int outLength, int expected, string outName)
    {
        VectorMath.RequireFiniteStart(op, x);
        if (outLength != expected)
            throw new ArgumentException($"{op}: {outName} must have length {expected}, got {outLength}.", outName);
    }
}
