using System.Runtime.Intrinsics;
using Scratch.ML.Cpu;
using Xunit;

namespace Scratch.ML.Tests.Elementwise;

/// <summary>The double-precision vector exp and log1p behind erf/Gelu/softplus/exp2, against Math (≤ 2 ulp).</summary>
public class VectorMathTests
{
    private static double Ulps(double actual, double expected)
    {
        if (actual == expected || (double.IsNaN(actual) && double.IsNaN(expected))) return 0;
        return Math.Abs(actual - expected) / (Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected));
    }

    private static double[] Apply(Func<Vector512<double>, Vector512<double>> f, double[] x)
    {
        var y = new double[x.Length];
        for (int i = 0; i < x.Length; i += 8)
        {
            var chunk = new double[8];
            Array.Copy(x, i, chunk, 0, Math.Min(8, x.Length - i));
            var r = f(Vector512.Create(chunk));
            for (int j = 0; j < 8 && i + j < x.Length; j++) y[i + j] = r[j];
        }
        return y;
    }

    [Fact]
    public void ExpIsWithinTwoUlpOfMathExpOverTheWholeRange()
    {
        var r = new Random(9);
        var xs = Enumerable.Range(0, 4000).Select(_ => r.NextDouble() * 1450 - 740)
            .Concat([0.0, -0.0, 1e-300, -1e-300, 709.78, 709.7827, 709.79, 710, -708.4, -740, -745.1, -746, -800,
                     double.PositiveInfinity, double.NegativeInfinity, double.NaN, 0.5 * Math.Log(2), -0.5 * Math.Log(2)]).ToArray();
        var y = Apply(VectorMath.Exp, xs);
        for (int i = 0; i < xs.Length; i++)
        {
            double e = Math.Exp(xs[i]);
            if (e < 2.2250738585072014e-308) Assert.True(Math.Abs(y[i] - e) <= 2 * double.Epsilon, $"exp({xs[i]:R}) = {y[i]:R}, Math.Exp {e:R}"); // subnormal: absolute
            else Assert.True(Ulps(y[i], e) <= 2, $"exp({xs[i]:R}) = {y[i]:R}, Math.Exp {e:R}: {Ulps(y[i], e):F1} ulp");
        }
    }

    [Fact]
    public void Log1pUnitIsWithinTwoUlpOfTheTwin()
    {
        var xs = Enumerable.Range(0, 2001).Select(i => i / 2000.0).Concat([1e-300, 1e-20, 1e-10, double.Epsilon]).ToArray();
        var y = Apply(VectorMath.Log1pUnit, xs);
        for (int i = 0; i < xs.Length; i++)
        {
            // Twin: ln(u)·e/(u − 1) with u = 1 + e is accurate to a few ulp (the rounding of u cancels).
            double e = xs[i], u = 1 + e, twin = u == 1 ? e : Math.Log(u) * e / (u - 1);
            // Both are within ~2.5 ulp of the true value (checked against mpmath at e = 0.0315), so they may differ by 5.
            Assert.True(Ulps(y[i], twin) <= 5, $"log1p({e:R}) = {y[i]:R}, twin {twin:R}");
        }
    }

    [Fact]
    public void Exp2IsExactAtIntegersAndAccurateNearTheEnds()
    {
        double[] xs = [-1074, -1070.5, -1022, -1, 0, 1, 10, 52, 1023, 1023.99, 1024, -1075.5, 0.5, -0.5, 127.9, -149];
        var y = Tensor.FromArray(xs).Exp2().ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            double e = Math.Pow(2, xs[i]);
            if (e < 2.2250738585072014e-308) Assert.True(Math.Abs(y[i] - e) <= double.Epsilon, $"exp2({xs[i]}) = {y[i]:R}, Math.Pow {e:R}");
            else Assert.True(Ulps(y[i], e) <= 2, $"exp2({xs[i]}) = {y[i]:R}, Math.Pow {e:R}");
        }
    }
}
