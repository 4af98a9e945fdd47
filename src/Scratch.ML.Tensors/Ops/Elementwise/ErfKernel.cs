using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Scratch.ML.Cpu;

namespace Scratch.ML;

/// <summary>
/// The error function in double precision, scalar and <see cref="Vector512{T}"/>, by piecewise polynomials whose
/// coefficients were fitted by <c>tests/reference/erf_coefficients.py</c> (Chebyshev interpolation at 60 digits with
/// mpmath; the script prints each piece's fit error, all below 0.2 ulp):
/// <list type="bullet">
/// <item>|x| &lt; 1: <c>erf(x) = x·P(x²)</c> (degree 11 in x²);</item>
/// <item>1 ≤ |x| &lt; 4: <c>erfc(|x|) = e^(−x²)·R(|x| − c)</c>, R ≈ erfcx = e^(x²)·erfc(x) on [1, 2), [2, 3), [3, 4) with centres 1.5, 2.5, 3.5;</item>
/// <item>|x| ≥ 4: <c>erfc(|x|) = e^(−x²)/|x| · T(1/x²)</c> (the asymptotic expansion of x·erfcx(x) made exact by the fit).</item>
/// </list>
/// e^(−x²) is evaluated as <c>e^(−h)·(1 − l)</c> with <c>h + l = x²</c> exactly (an FMA gives l), because rounding x²
/// would otherwise cost up to 2x² ulp of relative accuracy in erfc. Measured against mpmath (fixture
/// <c>tests/reference/fixtures/elementwise/erf.json</c>): erf within 2 ulp, erfc within 4 ulp down to the subnormal range.
/// </summary>
internal static class ErfKernel
{
    private const double Centre1 = 1.5, Centre2 = 2.5, Centre3 = 3.5;
    /// <summary>erfc(x) underflows to 0 in double beyond about 27.3; clamping keeps e^(−x²)·(1 − l) free of ∞·0.</summary>
    private const double Underflow = 28;

    private static ReadOnlySpan<double> Small => [1.1283791670955126, -0.37612638903183543, 0.11283791670945006, -0.02686617064323777, 0.0052239776071164225, -0.0008548325975389692, 0.00012055294904839707, -1.492473690741966e-05, 1.6447424703317362e-06, -1.6208483801871705e-07, 1.3720064546777686e-08, -7.795898827002142e-10];
    private static ReadOnlySpan<double> Mid1 => [0.3215854164543175, -0.16362291773256007, 0.07615103985548055, -0.03293090529956347, 0.013377340952802835, -0.005145957547915988, 0.0018861348854630824, -0.0006619300686179933, 0.00022330981211640024, -7.265888759557882e-05, 2.286543658874603e-05, -6.975285854904505e-06, 2.061689065129881e-06, -5.946998373950516e-07, 1.8038197652346406e-07, -4.932844202000261e-08];
    private static ReadOnlySpan<double> Mid2 => [0.2108063640611436, -0.07434734678979472, 0.024937997086656914, -0.008001569382093874, 0.002467036815699688, -0.0007335909374729658, 0.00021101982436023977, -5.8868958345706055e-05, 1.5961851696601105e-05, -4.214357879841587e-06, 1.0852366992052668e-06, -2.7262986241901926e-07, 6.706690790495327e-08, -1.7022233265672403e-08, 4.010268793982498e-09];
    private static ReadOnlySpan<double> Mid3 => [0.1552936556088943, -0.041323577833252495, 0.01066113319251011, -0.002673074439643561, 0.0006526863269086787, -0.0001554689182328899, 3.6181703647369664e-05, -8.237986419511217e-06, 1.8371959965058951e-06, -4.017414059460916e-07, 8.617207083202206e-08, -1.816709921028992e-08, 3.904660027946148e-09, -7.952076959606247e-10];
    private static ReadOnlySpan<double> Tail => [0.5641895835477563, -0.2820947917738176, 0.42314218759724365, -1.0578554426748246, 3.7024883376704443, -16.660453273034026, 91.56956342901483, -591.5863745407418, 4292.010458103612, -32390.41683248253, 226606.97413765293, -1275296.4942030776, 4836621.347799336, -8931610.323176447];

    // ---- scalar: the readable reference ----

    /// <summary>erf(x); erf(±0) = ±0, erf(±∞) = ±1, erf(NaN) = NaN.</summary>
    public static double Erf(double x)
    {
        double ax = Math.Abs(x);
        if (!(ax >= 1)) return x * Horner(Small, x * x); // NaN lands here and propagates
        return Math.CopySign(1 - ErfcPositive(ax), x);
    }

    /// <summary>erfc(x) = 1 − erf(x) without cancellation for large x; erfc(−∞) = 2, erfc(+∞) = 0.</summary>
    public static double Erfc(double x)
    {
        double ax = Math.Abs(x);
        if (!(ax >= 1)) return 1 - x * Horner(Small, x * x);
        double e = ErfcPositive(ax);
        return x > 0 ? e : 2 - e;
    }

    /// <summary>erfc(a) for a ≥ 1.</summary>
    private static double ErfcPositive(double a)
    {
        a = Math.Min(a, Underflow);
        double r = a < 2 ? Horner(Mid1, a - Centre1)
                 : a < 3 ? Horner(Mid2, a - Centre2)
                 : a < 4 ? Horner(Mid3, a - Centre3)
                 : Horner(Tail, 1 / (a * a)) / a;
        double h = a * a, l = Math.FusedMultiplyAdd(a, a, -h);
        return Math.Exp(-h) * (r - r * l);
    }

    private static double Horner(ReadOnlySpan<double> c, double t)
    {
        double p = c[^1];
        for (int k = c.Length - 2; k >= 0; k--) p = Math.FusedMultiplyAdd(p, t, c[k]);
        return p;
    }

    // ---- vector: the same pieces, evaluated only for the ranges some lane needs, then blended ----

    /// <summary>erf on eight lanes.</summary>
    public static Vector512<double> Erf(Vector512<double> x)
    {
        var ax = Vector512.Abs(x);
        var y = x * Horner(Small, x * x);
        var big = Vector512.GreaterThanOrEqual(ax, Vector512.Create(1.0));
        if (big == Vector512<double>.Zero) return y;
        var e = Vector512.Create(1.0) - ErfcPositive(ax);
        return Vector512.ConditionalSelect(big, CopySign(e, x), y);
    }

    /// <summary>erfc on eight lanes.</summary>
    public static Vector512<double> Erfc(Vector512<double> x)
    {
        var ax = Vector512.Abs(x);
        var one = Vector512.Create(1.0);
        var y = one - x * Horner(Small, x * x);
        var big = Vector512.GreaterThanOrEqual(ax, one);
        if (big == Vector512<double>.Zero) return y;
        var e = ErfcPositive(ax);
        e = Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<double>.Zero), e, Vector512.Create(2.0) - e);
        return Vector512.ConditionalSelect(big, e, y);
    }

    private static Vector512<double> ErfcPositive(Vector512<double> a)
    {
        a = Vector512.Min(a, Vector512.Create(Underflow));
        var r = Vector512<double>.Zero;
        var lt2 = Vector512.LessThan(a, Vector512.Create(2.0));
        var lt3 = Vector512.LessThan(a, Vector512.Create(3.0));
        var lt4 = Vector512.LessThan(a, Vector512.Create(4.0));
        if (lt2 != Vector512<double>.Zero)
            r = Vector512.ConditionalSelect(lt2, Horner(Mid1, a - Vector512.Create(Centre1)), r);
        var m2 = Vector512.AndNot(lt3, lt2);
        if (m2 != Vector512<double>.Zero)
            r = Vector512.ConditionalSelect(m2, Horner(Mid2, a - Vector512.Create(Centre2)), r);
        var m3 = Vector512.AndNot(lt4, lt3);
        if (m3 != Vector512<double>.Zero)
            r = Vector512.ConditionalSelect(m3, Horner(Mid3, a - Vector512.Create(Centre3)), r);
        if (lt4 != Vector512<double>.AllBitsSet)
            r = Vector512.ConditionalSelect(lt4, r, Horner(Tail, Vector512.Create(1.0) / (a * a)) / a);
        var h = a * a;
        var l = Vector512.FusedMultiplyAdd(a, a, -h);
        return VectorMath.Exp(-h) * (r - r * l);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Horner(ReadOnlySpan<double> c, Vector512<double> t)
    {
        var p = Vector512.Create(c[^1]);
        for (int k = c.Length - 2; k >= 0; k--) p = Vector512.FusedMultiplyAdd(p, t, Vector512.Create(c[k]));
        return p;
    }

    /// <summary>|magnitude| with the sign bit of sign.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> CopySign(Vector512<double> magnitude, Vector512<double> sign)
        => Vector512.ConditionalSelect(Vector512.Create(-0.0), sign, magnitude);
}
