namespace Scratch.ML.Statistics;

public static partial class SpecialFunctions
{
    private const double Epsilon = 2.220446049250313e-16;
    private const double Tiny = 1e-300;
    private const int MaxTerms = 100000;

    /// <summary>
    /// Regularised lower incomplete gamma P(a, x) = γ(a, x)/Γ(a) = (1/Γ(a)) ∫₀ˣ t^{a−1}e^{−t} dt, for a &gt; 0, x ≥ 0.
    /// <para>
    /// For x &lt; a + 1 the series P = e^{−x}x^a/Γ(a+1) · Σₙ xⁿ/((a+1)…(a+n)) (all terms positive, no cancellation);
    /// otherwise 1 − Q with Q from the continued fraction (Legendre's, evaluated by the modified Lentz method), which
    /// converges quickly there. Both are summed to relative precision ε. NaN outside the domain.
    /// </para>
    /// </summary>
    public static double RegularizedGammaP(double a, double x)
    {
        if (double.IsNaN(a) || double.IsNaN(x) || !(a > 0) || x < 0) return double.NaN;
        if (x == 0) return 0;
        if (double.IsPositiveInfinity(x)) return 1;
        return x < a + 1 ? GammaSeries(a, x) : 1 - GammaContinuedFraction(a, x);
    }

    /// <summary>
    /// Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x) = Γ(a, x)/Γ(a), computed directly (not as 1 − P) in the
    /// upper tail so that tiny tail probabilities keep full relative precision. NaN outside a &gt; 0, x ≥ 0.
    /// </summary>
    public static double RegularizedGammaQ(double a, double x)
    {
        if (double.IsNaN(a) || double.IsNaN(x) || !(a > 0) || x < 0) return double.NaN;
        if (x == 0) return 1;
        if (double.IsPositiveInfinity(x)) return 0;
        return x < a + 1 ? 1 - GammaSeries(a, x) : GammaContinuedFraction(a, x);
    }

    /// <summary>e^{−x}x^a/Γ(a), the common prefactor, in log space to avoid overflow.</summary>
    private static double GammaPrefactor(double a, double x) => Math.Exp(a * Math.Log(x) - x - LogGamma(a));

    private static double GammaSeries(double a, double x)
    {
        double term = 1 / a, sum = term;
        for (int n = 1; n < MaxTerms; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon) break;
        }
        return sum * GammaPrefactor(a, x);
    }

    /// <summary>Q(a, x) = prefactor · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − 2·(2 − a)/(x + 5 − a − …))).</summary>
    private static double GammaContinuedFraction(double a, double x)
    {
        double b = x + 1 - a;
        double c = 1 / Tiny, d = 1 / b, h = d;
        for (int i = 1; i < MaxTerms; i++)
        {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = b + an / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon) break;
        }
        return GammaPrefactor(a, x) * h;
    }
}
