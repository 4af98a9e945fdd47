namespace Scratch.ML.Statistics;

public static partial class SpecialFunctions
{
    private const double TwoOverSqrtPi = 1.1283791670955125738961589031215;

    /// <summary>
    /// The error function erf(x) = (2/√π) ∫₀ˣ e^{−t²} dt = sign(x)·P(½, x²). For |x| &lt; 1e-8 the first two Taylor terms
    /// (2/√π)(x − x³/3). erf(±∞) = ±1, erf(NaN) = NaN.
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        double ax = Math.Abs(x);
        if (ax < 1e-8) return TwoOverSqrtPi * x * (1 - x * x / 3);
        if (ax > 6) return Math.Sign(x);   // 1 − erf(6) ≈ 2e-17 < ε/2
        double v = RegularizedGammaP(0.5, x * x);
        return x < 0 ? -v : v;
    }

    /// <summary>
    /// The complementary error function erfc(x) = 1 − erf(x) = Q(½, x²) for x ≥ 0 (full relative precision in the upper
    /// tail, e.g. erfc(10) ≈ 2.1e-45), and 1 + erf(|x|) for x &lt; 0. erfc(+∞) = 0, erfc(−∞) = 2.
    /// </summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return 1 + Erf(-x);
        if (x < 1e-8) return 1 - TwoOverSqrtPi * x;
        if (x > 27.3) return 0;            // erfc(27.3) < 5e-324
        return RegularizedGammaQ(0.5, x * x);
    }

    /// <summary>
    /// The inverse error function: erf(erfinv(y)) = y for −1 ≤ y ≤ 1; ±∞ at ±1, NaN outside.
    /// A starting value from the normal quantile is refined by Newton steps on erf (|y| ≤ ½) or on erfc (|y| &gt; ½, where
    /// 1 − |y| is exact and carries the information), with derivative (2/√π)e^{−x²}.
    /// </summary>
    public static double ErfInv(double y)
    {
        if (double.IsNaN(y) || y < -1 || y > 1) return double.NaN;
        if (y == 1) return double.PositiveInfinity;
        if (y == -1) return double.NegativeInfinity;
        if (y == 0) return y;
        double ay = Math.Abs(y);
        double x = ay <= 0.5 ? ErfInvSmall(ay) : ErfcInvCore(1 - ay);
        return y < 0 ? -x : x;
    }

    /// <summary>The inverse complementary error function: erfc(erfcinv(q)) = q for 0 ≤ q ≤ 2; +∞ at 0, −∞ at 2.</summary>
    public static double ErfcInv(double q)
    {
        if (double.IsNaN(q) || q < 0 || q > 2) return double.NaN;
        if (q == 0) return double.PositiveInfinity;
        if (q == 2) return double.NegativeInfinity;
        if (q > 1) return -ErfcInvCore(2 - q);
        return q >= 0.5 ? ErfInvSmall(1 - q) : ErfcInvCore(q);
    }

    private static double ErfInvSmall(double y)
    {
        // Start: Maclaurin series of erfinv, accurate to ~1e-3 on [0, ½], then Newton (quadratic) on erf.
        double t = 0.5 * Math.Sqrt(Math.PI) * y;
        double x = t * (1 + t * t * (1.0 / 3 + t * t * (7.0 / 30 + t * t * 127.0 / 630)));
        for (int k = 0; k < 8; k++)
        {
            double dx = (Erf(x) - y) / (TwoOverSqrtPi * Math.Exp(-x * x));
            x -= dx;
            if (Math.Abs(dx) <= 4e-16 * Math.Abs(x)) break;
        }
        return x;
    }

    /// <summary>x ≥ 0 with erfc(x) = q for 0 &lt; q ≤ ½.</summary>
    private static double ErfcInvCore(double q)
    {
        // Start: tail asymptotics erfc(x) ≈ e^{−x²}/(x√π) solved by two fixed-point steps, then Newton on erfc.
        double l = -Math.Log(q * Math.Sqrt(Math.PI));
        double x = Math.Sqrt(Math.Max(l, 0.25));
        for (int k = 0; k < 2; k++) x = Math.Sqrt(Math.Max(l - Math.Log(x), 0.25));
        for (int k = 0; k < 50; k++)
        {
            // Newton on ln erfc(x) = ln q (well scaled in the far tail): d ln erfc/dx = −(2/√π)e^{−x²}/erfc(x).
            double e = Erfc(x);
            double dx = (Math.Log(e) - Math.Log(q)) / (TwoOverSqrtPi * Math.Exp(-x * x) / e);
            x += dx;
            if (Math.Abs(dx) <= 4e-16 * Math.Abs(x)) break;
        }
        return x;
    }
}
