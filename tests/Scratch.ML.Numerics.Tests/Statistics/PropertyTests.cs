using FsCheck;
using FsCheck.Fluent;
using Scratch.ML.Statistics;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Statistics;

/// <summary>Identities over generated parameters: F + S = 1, F(Q(p)) = p, Q increasing, statistics invariant under permutation.</summary>
public class StatisticsPropertyTests
{
    // A fixed replay seed keeps the generated cases identical on every run (the suite must be deterministic).
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(60)
        .WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(new Replay(new Rnd(20261122UL, 0x9E3779B97F4A7C15UL), Microsoft.FSharp.Core.FSharpOption<int>.None)));

    private static ContinuousDistribution Make(int kind, double a, double b) => kind switch
    {
        0 => new NormalDistribution(a - 5, b),
        1 => new StudentTDistribution(a),
        2 => new ChiSquaredDistribution(a),
        3 => new FisherFDistribution(a, b),
        4 => new GammaDistribution(a, b),
        _ => new BetaDistribution(a, b),
    };

    // Parameters in (0.2, 40), probabilities in (1e-9, 1 − 1e-9) on a log-uniform-ish grid.
    private static readonly Gen<(int, double, double, double)> Cases =
        from kind in Gen.Choose(0, 5)
        from ia in Gen.Choose(1, 200)
        from ib in Gen.Choose(1, 200)
        from ip in Gen.Choose(1, 999)
        select (kind, ia * 0.2, ib * 0.2, ip < 500 ? Math.Pow(10, -9.0 * (500 - ip) / 500) * 0.5 : 1 - Math.Pow(10, -9.0 * (ip - 500) / 500) * 0.5);

    [Fact]
    public void CdfPlusSf_IsOne_AndQuantileInvertsCdf()
    {
        var roundTrip = Tolerance.SpecialFunction.Scaled(100, "round trip through a steep cdf: |ΔF| ≈ pdf·|x|·ε");
        Check.One(Config, Prop.ForAll(Arb.From(Cases), c =>
        {
            var (kind, a, b, p) = c;
            var d = Make(kind, a, b);
            double x = d.Quantile(p);
            bool sum = Tolerance.Float64Kernel.Scaled(10, "two tails summed").IsClose(d.Cdf(x) + d.Sf(x), 1);
            // Compare the smaller tail, where the probability carries its relative precision; allow the change of the
            // cdf over 4 ulp of x, since x itself cannot be closer (e.g. Beta(20.8, 0.2) puts p = 0.9986 at 1 − x ≈ 1e-14).
            double target = p <= 0.5 ? p : 1 - p, tail = p <= 0.5 ? d.Cdf(x) : d.Sf(x);
            double slack = 4 * 2.220446049250313e-16 * Math.Abs(x) * d.Pdf(x);
            bool inverse = Math.Abs(tail - target) <= roundTrip.Absolute + roundTrip.Relative * target + slack;
            bool monotone = d.Quantile(p * 0.999) <= x;
            return sum && inverse && monotone;
        }));
    }

    [Fact]
    public void SampleStatistics_AreInvariantUnderPermutation()
    {
        Check.One(Config, Prop.ForAll(Arb.From(Gen.Choose(0, 1_000_000)), seed =>
        {
            var rng = new Random(seed);
            double[] x = Enumerable.Range(0, 3 + rng.Next(40)).Select(_ => Math.Round(rng.NextDouble() * 20 - 10, 2)).ToArray();
            double[] y = x.OrderBy(_ => rng.Next()).ToArray();
            var tol = Tolerance.Float64Reduction;
            return tol.IsClose(Descriptive.Mean(y), Descriptive.Mean(x))
                && tol.IsClose(Descriptive.Variance(y, 1), Descriptive.Variance(x, 1))
                && Descriptive.Median(y) == Descriptive.Median(x)
                && Descriptive.Quantile(y, 0.3) == Descriptive.Quantile(x, 0.3)
                && Descriptive.Mode(y) == Descriptive.Mode(x);
        }));
    }
}
