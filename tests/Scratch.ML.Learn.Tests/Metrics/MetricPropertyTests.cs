using FsCheck;
using FsCheck.Fluent;
using Scratch.ML.Learn.Metrics;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Metrics;

/// <summary>Identities over generated labels, scores and weights: AUC = Mann–Whitney probability, micro scores = accuracy, invariance under sample order.</summary>
public class MetricPropertyTests
{
    // A fixed replay seed keeps the generated cases identical on every run (the suite must be deterministic).
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(80)
        .WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(new Replay(new Rnd(20261122UL, 0x9E3779B97F4A7C15UL), Microsoft.FSharp.Core.FSharpOption<int>.None)));

    // Sums of ≤ 60 weighted terms in different orders: a few ulp of the result.
    private static readonly Tolerance Reordered = Tolerance.Float64Reduction;

    private static readonly Arbitrary<int> Seeds = Arb.From(Gen.Choose(0, 1_000_000));

    [Fact]
    public void RocAuc_IsTheWeightedMannWhitneyProbability()
    {
        Check.One(Config, Prop.ForAll(Seeds, seed =>
        {
            var rng = new Random(seed);
            int n = 4 + rng.Next(50);
            int[] y = Enumerable.Range(0, n).Select(i => i < 2 ? i : rng.Next(2)).ToArray();
            double[] s = Enumerable.Range(0, n).Select(_ => rng.Next(8) / 8.0).ToArray(); // coarse grid: many ties
            double[] w = Enumerable.Range(0, n).Select(_ => 0.1 + rng.NextDouble()).ToArray();
            double num = 0, den = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    if (y[i] == 1 && y[j] == 0)
                    {
                        double pair = w[i] * w[j];
                        den += pair;
                        num += pair * (s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0);
                    }
            return Reordered.IsClose(ClassificationMetrics.RocAuc<int>(y, s, w), num / den);
        }));
    }

    [Fact]
    public void MicroAverages_EqualAccuracy_AndScoresIgnoreSampleOrder()
    {
        Check.One(Config, Prop.ForAll(Seeds, seed =>
        {
            var rng = new Random(seed);
            int n = 1 + rng.Next(60), k = 2 + rng.Next(4);
            int[] t = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
            int[] p = Enumerable.Range(0, n).Select(_ => rng.Next(k)).ToArray();
            double[] w = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
            double acc = ClassificationMetrics.Accuracy<int>(t, p, w);
            bool micro = Reordered.IsClose(ClassificationMetrics.Precision<int>(t, p, Average.Micro, null, w), acc)
                && Reordered.IsClose(ClassificationMetrics.Recall<int>(t, p, Average.Micro, null, w), acc)
                && Reordered.IsClose(ClassificationMetrics.F1<int>(t, p, Average.Micro, null, w), acc);
            var perm = Enumerable.Range(0, n).OrderBy(_ => rng.Next()).ToArray();
            int[] t2 = perm.Select(i => t[i]).ToArray(), p2 = perm.Select(i => p[i]).ToArray();
            double[] w2 = perm.Select(i => w[i]).ToArray();
            bool same = Reordered.IsClose(ClassificationMetrics.F1<int>(t2, p2, Average.Macro, null, w2), ClassificationMetrics.F1<int>(t, p, Average.Macro, null, w))
                && Reordered.IsClose(ClassificationMetrics.MatthewsCorrcoef<int>(t2, p2, w2), ClassificationMetrics.MatthewsCorrcoef<int>(t, p, w))
                && Reordered.IsClose(ClassificationMetrics.BalancedAccuracy<int>(t2, p2, w2), ClassificationMetrics.BalancedAccuracy<int>(t, p, w));
            double total = 0;
            foreach (var v in ClassificationMetrics.ConfusionMatrix<int>(t, p, null, w)) total += v;
            return micro && same && Reordered.IsClose(total, w.Sum());
        }));
    }

    [Fact]
    public void R2_IsOneMinusMseOverVariance()
    {
        Check.One(Config, Prop.ForAll(Seeds, seed =>
        {
            var rng = new Random(seed);
            int n = 2 + rng.Next(40);
            double[] y = Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 10 - 5).ToArray();
            double[] yh = y.Select(v => v + rng.NextDouble() - 0.5).ToArray();
            double mean = y.Average(), variance = y.Select(v => (v - mean) * (v - mean)).Average();
            double expected = 1 - RegressionMetrics.MeanSquaredError(y, yh) / variance;
            return Tolerance.Float64Reduction.Scaled(10, "R² divides two sums; the ratio carries both errors").IsClose(RegressionMetrics.R2(y, yh), expected);
        }));
    }
}
