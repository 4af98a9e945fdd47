namespace Scratch.ML.Statistics;

/// <summary>
/// A univariate continuous distribution with SciPy's vocabulary: density (<see cref="Pdf"/>, <see cref="LogPdf"/>),
/// distribution function (<see cref="Cdf"/>), survival function (<see cref="Sf"/> = 1 − Cdf, computed directly so upper
/// tails keep their digits) and their inverses (<see cref="Quantile"/>, SciPy's <c>ppf</c>, and <see cref="InverseSf"/>,
/// SciPy's <c>isf</c>).
/// <para>
/// Quantiles default to a safeguarded Newton iteration (Newton steps with the density as derivative, falling back to
/// bisection whenever a step leaves the current bracket) on Cdf(x) = p for p ≤ ½ and on Sf(x) = 1 − p for p &gt; ½, so
/// that both tails are solved where the function is accurate. Each distribution supplies a starting guess; the
/// bracket is grown geometrically from it. Iteration stops when the step or the bracket is below 4ε relative.
/// </para>
/// </summary>
public abstract class ContinuousDistribution
{
    /// <summary>The smallest point of the support (−∞ when unbounded).</summary>
    public abstract double SupportLower { get; }

    /// <summary>The largest point of the support (+∞ when unbounded).</summary>
    public abstract double SupportUpper { get; }

    /// <summary>The mean (NaN or +∞ where it does not exist, as SciPy).</summary>
    public abstract double Mean { get; }

    /// <summary>The variance (NaN or +∞ where it does not exist, as SciPy).</summary>
    public abstract double Variance { get; }

    /// <summary>The standard deviation √Variance.</summary>
    public double StandardDeviation => Math.Sqrt(Variance);

    /// <summary>The probability density f(x); 0 outside the support, NaN for NaN.</summary>
    public virtual double Pdf(double x) => Math.Exp(LogPdf(x));

    /// <summary>ln f(x); −∞ outside the support.</summary>
    public abstract double LogPdf(double x);

    /// <summary>The distribution function F(x) = P(X ≤ x).</summary>
    public abstract double Cdf(double x);

    /// <summary>The survival function S(x) = P(X &gt; x) = 1 − F(x), without cancellation in the upper tail.</summary>
    public abstract double Sf(double x);

    /// <summary>The quantile (inverse CDF, SciPy's <c>ppf</c>): the x with F(x) = p. p = 0 and 1 give the support ends.</summary>
    /// <exception cref="ArgumentOutOfRangeException">p outside [0, 1] or NaN.</exception>
    public virtual double Quantile(double p)
    {
        RequireProbability(p, nameof(p));
        if (p == 0) return SupportLower;
        if (p == 1) return SupportUpper;
        return p <= 0.5 ? Solve(p, upperTail: false) : Solve(1 - p, upperTail: true);
    }

    /// <summary>The inverse survival function (SciPy's <c>isf</c>): the x with S(x) = q; solved in the upper tail directly.</summary>
    /// <exception cref="ArgumentOutOfRangeException">q outside [0, 1] or NaN.</exception>
    public virtual double InverseSf(double q)
    {
        RequireProbability(q, nameof(q));
        if (q == 0) return SupportUpper;
        if (q == 1) return SupportLower;
        return q <= 0.5 ? Solve(q, upperTail: true) : Solve(1 - q, upperTail: false);
    }

    /// <summary>A starting point for the quantile at probability <paramref name="p"/> (need not be accurate).</summary>
    protected abstract double InitialGuess(double p);

    /// <summary>Throws unless 0 ≤ p ≤ 1.</summary>
    protected static void RequireProbability(double p, string name)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(name, p, "A probability must lie in [0, 1].");
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and &gt; 0.</summary>
    protected static void RequirePositive(double value, string name, string distribution)
    {
        if (!(value > 0) || !double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{distribution}: {name} must be finite and > 0.");
    }

    /// <summary>
    /// Finds x with Cdf(x) = t (lower tail) or Sf(x) = t (upper tail), t ≤ ½. g(x) = Cdf(x) − t or t − Sf(x) is
    /// increasing with derivative Pdf(x).
    /// </summary>
    private double Solve(double t, bool upperTail)
    {
        double G(double x) => upperTail ? t - Sf(x) : Cdf(x) - t;
        double p = upperTail ? 1 - t : t;
        double x = InitialGuess(p);
        if (!double.IsFinite(x)) x = 0;
        x = Math.Clamp(x, NextUp(SupportLower), NextDown(SupportUpper));

        // Bracket [lo, hi] with G(lo) ≤ 0 ≤ G(hi), grown geometrically from the guess.
        double lo = SupportLower, hi = SupportUpper;
        double gx = G(x);
        if (gx == 0) return x;
        double step = Math.Max(1.0, Math.Abs(x));
        if (gx < 0)
        {
            lo = x;
            for (int k = 0; k < 2100; k++)
            {
                double trial = double.IsFinite(SupportUpper) ? Math.Min(x + step, SupportUpper) : x + step;
                if (trial >= SupportUpper || G(trial) >= 0) { hi = trial; break; }
                lo = trial; step *= 2;
                if (double.IsInfinity(trial)) return trial;
            }
        }
        else
        {
            hi = x;
            for (int k = 0; k < 2100; k++)
            {
                double trial = double.IsFinite(SupportLower) ? Math.Max(x - step, SupportLower) : x - step;
                if (SupportLower >= 0 && double.IsFinite(SupportLower) && trial <= SupportLower)
                    trial = SupportLower + (x - SupportLower) / Math.Pow(2, k + 1);   // approach a finite lower end geometrically
                if (trial <= SupportLower || G(trial) <= 0) { lo = trial; break; }
                hi = trial; step *= 2;
                if (double.IsInfinity(trial)) return trial;
            }
        }

        // Safeguarded Newton inside the bracket, on the logarithm of the tail probability: ln F(x) − ln t (or
        // ln t − ln S(x)) is nearly linear-quadratic in far tails where F itself decays like e^{−x²/2}, so Newton steps on
        // the log stay long there; the derivative is pdf/F (pdf/S). A step leaving the bracket, or a bracket that did not
        // halve over the last three steps, triggers bisection.
        x = Math.Clamp(x, lo, hi);
        double logT = Math.Log(t), widthBefore = hi - lo;
        for (int iter = 0; iter < 600; iter++)
        {
            double tail = upperTail ? Sf(x) : Cdf(x);
            if (tail == t) return x;
            bool below = upperTail ? tail > t : tail < t;
            if (below) lo = x; else hi = x;
            double next = double.NaN;
            if (tail > 0 && double.IsFinite(tail))
            {
                double slope = Pdf(x) / tail;
                double residual = Math.Log(tail) - logT;
                if (slope > 0 && double.IsFinite(slope)) next = upperTail ? x + residual / slope : x - residual / slope;
            }
            if (iter % 3 == 2)
            {
                if (hi - lo > 0.5 * widthBefore) next = double.NaN;
                widthBefore = hi - lo;
            }
            if (!(next > lo && next < hi)) next = double.IsInfinity(lo) || double.IsInfinity(hi) ? x : lo + 0.5 * (hi - lo);
            double dx = Math.Abs(next - x);
            x = next;
            double scale = Math.Max(Math.Abs(x), 1e-300);
            if (dx <= 4e-16 * scale || hi - lo <= 4e-16 * scale) return x;
        }
        return x;
    }

    private static double NextUp(double v) => double.IsNegativeInfinity(v) ? double.MinValue : Math.BitIncrement(v);

    private static double NextDown(double v) => double.IsPositiveInfinity(v) ? double.MaxValue : Math.BitDecrement(v);
}
