using Scratch.ML.Learn;
using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.Neighbors;
using Xunit;
using static Scratch.ML.Tests.Learn.Inspection.InspectionFixture;

namespace Scratch.ML.Tests.Learn.Inspection;

/// <summary>KernelSHAP: exact Shapley values when all coalitions fit the budget, efficiency always, determinism.</summary>
public class KernelShapTests
{
    /// <summary>A nonlinear two-output function with interactions.</summary>
    private static Tensor<double> F(Tensor<double> x)
    {
        int n = x.Shape[0], d = x.Shape[1];
        var a = x.ToArray();
        var r = new double[n * 2];
        for (int i = 0; i < n; i++)
        {
            var v = new double[Math.Max(d, 4)]; // features beyond d read as 0, so d = 2, 3 work too
            a.AsSpan(i * d, d).CopyTo(v);
            double extra = 0;
            for (int j = 4; j < d; j++) extra += (j % 3 - 1) * v[j] * v[j - 1];
            r[i * 2] = v[0] * v[1] + Math.Sin(v[2]) + v[3] * v[3] - v[0] * v[2] * v[3] + extra;
            r[i * 2 + 1] = Math.Exp(0.3 * v[1]) - 2 * v[3] + Math.Max(v[0], v[2]) + 0.5 * extra;
        }
        return Tensor.FromArray(r, n, 2);
    }

    private static Tensor<double> Random(int n, int d, ulong seed)
    {
        var g = new Scratch.ML.Rng.Generator(seed);
        var a = new double[n * d];
        for (int i = 0; i < a.Length; i++) a[i] = 4 * g.NextDouble() - 2;
        return Tensor.FromArray(a, n, d);
    }

    /// <summary>Shapley values by definition: φ_j = Σ_{S ⊆ N∖j} |S|!(d−|S|−1)!/d! · (v(S ∪ j) − v(S)), v(S) = mean_b f(x_S, b_S̄).</summary>
    private static double[] BruteShapley(Func<Tensor<double>, Tensor<double>> f, Tensor<double> bg, double[] x, int outputs)
    {
        int k = bg.Shape[0], d = bg.Shape[1];
        var b = bg.ToArray();
        var v = new double[(1 << d) * outputs];
        for (int s = 0; s < 1 << d; s++)
        {
            var rows = (double[])b.Clone();
            for (int r = 0; r < k; r++)
                for (int j = 0; j < d; j++)
                    if ((s >> j & 1) != 0) rows[r * d + j] = x[j];
            var p = f(Tensor.FromArray(rows, k, d)).ToArray();
            for (int r = 0; r < k; r++)
                for (int o = 0; o < outputs; o++) v[s * outputs + o] += p[r * outputs + o] / k;
        }
        var fact = new double[d + 1];
        fact[0] = 1;
        for (int i = 1; i <= d; i++) fact[i] = fact[i - 1] * i;
        var phi = new double[d * outputs];
        for (int j = 0; j < d; j++)
            for (int s = 0; s < 1 << d; s++)
            {
                if ((s >> j & 1) != 0) continue;
                int size = System.Numerics.BitOperations.PopCount((uint)s);
                double w = fact[size] * fact[d - size - 1] / fact[d];
                for (int o = 0; o < outputs; o++) phi[j * outputs + o] += w * (v[(s | 1 << j) * outputs + o] - v[s * outputs + o]);
            }
        return phi;
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void EnumeratedCoalitionsGiveExactShapleyValues(int d)
    {
        var bg = Random(6, d, 1);
        var x = Random(3, d, 2);
        var r = KernelShap.Explain(F, bg, x, nSamples: (1 << d) - 2, seed: 0);
        Assert.Equal(2, r.Outputs);
        var xa = x.ToArray();
        for (int i = 0; i < 3; i++)
        {
            var expected = BruteShapley(F, bg, xa[(i * d)..((i + 1) * d)], 2);
            for (int j = 0; j < d; j++)
                for (int o = 0; o < 2; o++) Assert.Equal(expected[j * 2 + o], r[i, j, o], 1e-10);
        }
    }

    [Fact]
    public void SampledCoalitionsKeepEfficiencyAndApproachTheExactValues()
    {
        const int d = 11;
        var bg = Random(5, d, 3);
        var x = Random(2, d, 4);
        var r = KernelShap.Explain(F, bg, x, nSamples: 600, seed: 5);
        var fx = F(x).ToArray();
        var xa = x.ToArray();
        for (int i = 0; i < 2; i++)
        {
            var exact = BruteShapley(F, bg, xa[(i * d)..((i + 1) * d)], 2);
            for (int o = 0; o < 2; o++)
            {
                Assert.Equal(fx[i * 2 + o], r.Reconstruct(i, o), 1e-10);
                // Sampling error: 600 of 2046 coalitions (sizes 1, 2 and their complements enumerated); scale of φ ~ 1.
                for (int j = 0; j < d; j++) Assert.Equal(exact[j * 2 + o], r[i, j, o], 0.15);
            }
        }
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = 1;
            var again = KernelShap.Explain(F, bg, x, nSamples: 600, seed: 5);
            Assert.Equal(r.Values, again.Values);
        }
        finally { Parallelism.MaxThreads = saved; }
        Assert.NotEqual(r.Values, KernelShap.Explain(F, bg, x, nSamples: 600, seed: 6).Values);
    }

    [Fact]
    public void LinearModelGetsCoefTimesDeviationFromTheBackgroundMean()
    {
        var model = new LinearRegression().Fit(Diabetes.Data, Diabetes.Target);
        var bg = Rows(Diabetes.Data, Range(40));
        var x = Rows(Diabetes.Data, [100, 200]);
        var r = KernelShap.Explain(model, bg, x, seed: 0, featureNames: Diabetes.FeatureNames);
        var coef = model.Coef.ToArray();
        var b = bg.ToArray();
        var xa = x.ToArray();
        Assert.Equal(model.Predict(bg).ToArray().Average(), r.ExpectedValue[0], 1e-9);
        for (int j = 0; j < 10; j++)
        {
            double mean = Enumerable.Range(0, 40).Average(i => b[i * 10 + j]);
            for (int i = 0; i < 2; i++) Assert.Equal(coef[j] * (xa[i * 10 + j] - mean), r[i, j], 1e-8);
        }
        Assert.Equal("bmi", r.FeatureNames[2]);
    }

    [Fact]
    public void ClassProbabilityAttributionsSumToZeroAcrossClassesAndConstantFeaturesGetZero()
    {
        var knn = new KNeighborsClassifier(5).Fit(Iris.Data, Labels.From(Iris.Labels!));
        var bg = Rows(Iris.Data, Range(150, 10));
        var xa = Rows(Iris.Data, [3, 77, 140]).ToArray();
        for (int i = 0; i < 3; i++) xa[i * 4 + 1] = 3.0; // sepal width 3.0 …
        var bga = bg.ToArray();
        for (int i = 0; i < 15; i++) bga[i * 4 + 1] = 3.0; // … everywhere: it cannot matter
        var r = KernelShap.Explain(knn, Tensor.FromArray(bga, 15, 4), Tensor.FromArray(xa, 3, 4), seed: 1);
        Assert.Equal(3, r.Outputs);
        Assert.Equal(1.0, r.ExpectedValue.Sum(), 1e-12);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(0.0, r[i, j, 0] + r[i, j, 1] + r[i, j, 2], 1e-10);
                if (j == 1) Assert.Equal(0.0, r[i, j, 0]);
            }
    }

    [Fact]
    public void BadInputIsRejected()
    {
        var bg = Random(4, 3, 1);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => KernelShap.Explain(F, bg, Random(2, 4, 1))).ParamName);
        Assert.Equal("background", Assert.Throws<ArgumentException>(() => KernelShap.Explain(F, Tensor.Zeros<double>(0, 3), Random(2, 3, 1))).ParamName);
        var nan = Random(2, 3, 1).ToArray();
        nan[1] = double.NaN;
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => KernelShap.Explain(F, bg, Tensor.FromArray(nan, 2, 3))).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelShap.Explain(F, bg, Random(2, 3, 1), nSamples: -1));
        Assert.Equal("predict", Assert.Throws<ArgumentException>(() => KernelShap.Explain(t => Tensor.Zeros<double>(1), bg, Random(2, 3, 1))).ParamName);
        Assert.Throws<ArgumentException>(() => new ShapValues(new double[5], 2, 3, [0.0]));
        Assert.Throws<ArgumentException>(() => new ShapValues(new double[6], 2, 3, [0.0], ["a"]));
    }
}
