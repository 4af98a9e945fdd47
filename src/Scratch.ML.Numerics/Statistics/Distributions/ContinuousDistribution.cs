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
    /// Finds x with Cdf(x) = t (lower tail) or Sf(x) = t (upper tail), t ≤ ½. G(x) = Cdf(x) − t or t − Sf(x) is
    /// increasing. Returns the support end (possibly ±∞) when the quantile lies beyond the largest double.
    /// </summary>
    private double Solve(double t, bool upperTail)
    {
        double G(double v) => upperTail ? t - Sf(v) : Cdf(v) - t;
        double lowEnd = Math.Max(SupportLower, -double.MaxValue), highEnd = Math.Min(SupportUpper, double.MaxValue);
        double x = InitialGuess(upperTail ? 1 - t : t);
        if (!double.IsFinite(x)) x = 0;
        x = Math.Clamp(x, lowEnd, highEnd);
        double gx = G(x);
        if (gx == 0) return x;

        // Bracket [lo, hi] with G(lo) < 0 ≤ G(hi). Towards an infinite end the step doubles; towards a finite end the
        // remaining distance is multiplied by ½, ¼, 1/16, … (the factor squares), so even quantiles at 1e-2000 of the
        // way (which underflow) are bracketed in a dozen evaluations.
        double lo, hi, step = Math.Max(1.0, Math.Abs(x)), factor = 0.5;
        if (gx < 0)
        {
            lo = x;
            while (true)
            {
                double trial = double.IsFinite(SupportUpper) ? SupportUpper - (SupportUpper - x) * factor : Math.Min(x + step, highEnd);
                if (G(trial) >= 0) { hi = trial; break; }
                lo = trial;
                if (trial >= highEnd) return SupportUpper;
                step *= 2; factor *= factor;
            }
        }
        else
        {
            hi = x;
            while (true)
            {
                double trial = double.IsFinite(SupportLower) ? SupportLower + (x - SupportLower) * factor : Math.Max(x - step, lowEnd);
                if (G(trial) < 0) { lo = trial; break; }
                hi = trial;
                if (trial <= lowEnd) return SupportLower;
                step *= 2; factor *= factor;
            }
        }

        // Safeguarded Newton inside the bracket, on the logarithm of the tail probability: ln F(x) − ln t (or
        // ln t − ln S(x)) is close to quadratic in far tails where F itself decays like e^{−x²/2}, so Newton steps on the
        // log stay long there; the derivative is pdf/F (pdf/S). A step leaving the bracket, or a bracket that did not
        // halve over the last three steps, triggers a bisection (geometric when the bracket spans orders of magnitude).
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
            if (!(next > lo && next < hi)) next = Midpoint(lo, hi);
            if (!(next > lo && next < hi)) return Closest(x, lo, hi);   // lo and hi are adjacent doubles
            double dx = Math.Abs(next - x);
            x = next;
            if (dx <= 4e-16 * Math.Abs(x) || hi - lo <= 4e-16 * Math.Abs(x)) return Closest(x, lo, hi);
        }
        return x;

        // Of a few final candidates (all within a couple of ulps), the one whose tail probability is nearest t; this
        // matters where the cdf jumps between neighbouring doubles (e.g. Beta(0.05, 0.05) near 1).
        double Closest(double a, double b, double c)
        {
            double best = a, bestErr = double.PositiveInfinity;
            foreach (double v in (ReadOnlySpan<double>)[a, b, c])
            {
                double err = Math.Abs((upperTail ? Sf(v) : Cdf(v)) - t);
                if (err < bestErr) { best = v; bestErr = err; }
            }
            return best;
        }
    }

    /// <summary>
    /// The bisection point of [lo, hi]: the geometric mean when both ends have one sign and differ by more than a factor
    /// of 4 (so brackets like [0, 1e-3] around a quantile of 1e-300 shrink in log space), else the arithmetic mean.
    /// </summary>
    private static double Midpoint(double lo, double hi)
    {
        const double tiny = double.Epsilon;                // smallest subnormal, stands in for 0
        if (lo >= 0 && hi > 4 * Math.Max(lo, tiny))
            return Math.Exp(0.5 * (Math.Log(Math.Max(lo, tiny)) + Math.Log(hi)));
        if (hi <= 0 && -lo > 4 * Math.Max(-hi, tiny))
            return -Math.Exp(0.5 * (Math.Log(Math.Max(-hi, tiny)) + Math.Log(-lo)));
        return 0.5 * lo + 0.5 * hi;
    }
}
