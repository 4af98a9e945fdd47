namespace Scratch.ML.Statistics;

public static partial class SpecialFunctions
{
    /// <summary>
    /// Regularised incomplete beta I_x(a, b) = (1/B(a, b)) ∫₀ˣ t^{a−1}(1 − t)^{b−1} dt for a, b &gt; 0, 0 ≤ x ≤ 1.
    /// <para>
    /// Uses the continued fraction I_x(a, b) = x^a(1 − x)^b / (a·B(a, b)) · 1/(1 + d₁/(1 + d₂/(1 + …))) with
    /// d_{2m+1} = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)) and d_{2m} = m(b − m)x / ((a + 2m − 1)(a + 2m)),
    /// evaluated by the modified Lentz method. It converges fast for x &lt; (a + 1)/(a + b + 2); above that the symmetry
    /// I_x(a, b) = 1 − I_{1−x}(b, a) is used. NaN outside the domain.
    /// </para>
    /// </summary>
    public static double RegularizedBeta(double a, double b, double x)
    {
        if (double.IsNaN(x) || x < 0 || x > 1) return double.NaN;
        return RegularizedBeta(a, b, x, 1 - x);
    }

    /// <summary>
    /// I_x(a, b) given both x and y = 1 − x. Callers that know 1 − x more accurately than by subtraction (e.g. the
    /// Student t and F distributions, where y = ν/(ν + t²)) pass it here so that tail probabilities keep their digits.
    /// </summary>
    internal static double RegularizedBeta(double a, double b, double x, double y)
    {
        if (double.IsNaN(a) || double.IsNaN(b) || double.IsNaN(x) || !(a > 0) || !(b > 0) || x < 0 || y < 0) return double.NaN;
        if (x == 0) return 0;
        if (y == 0) return 1;
        return x < (a + 1) / (a + b + 2)
            ? BetaPrefactor(a, b, x, y) * BetaContinuedFraction(a, b, x) / a
            : 1 - BetaPrefactor(b, a, y, x) * BetaContinuedFraction(b, a, y) / b;
    }

    /// <summary>
    /// The upper tail 1 − I_x(a, b) = I_{1−x}(b, a), computed without cancellation from x and y = 1 − x.
    /// </summary>
    internal static double RegularizedBetaComplement(double a, double b, double x, double y) => RegularizedBeta(b, a, y, x);

    /// <summary>x^a·y^b / B(a, b) in log space.</summary>
    private static double BetaPrefactor(double a, double b, double x, double y) =>
        Math.Exp(a * Math.Log(x) + b * Math.Log(y) - LogBeta(a, b));

    private static double BetaContinuedFraction(double a, double b, double x)
    {
        double qab = a + b, qap = a + 1, qam = a - 1;
        double c = 1, d = 1 - qab * x / qap;
        if (Math.Abs(d) < Tiny) d = Tiny;
        d = 1 / d;
        double h = d;
        for (int m = 1; m < MaxTerms; m++)
        {
            int m2 = 2 * m;
            // Even step d_{2m}.
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            h *= d * c;
            // Odd step d_{2m+1}.
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon) break;
        }
        return h;
    }
}
