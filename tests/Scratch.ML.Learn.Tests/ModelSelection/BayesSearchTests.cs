using System.Numerics;
using Scratch.ML;
using Scratch.ML.Learn;
using Scratch.ML.Learn.ModelSelection;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.ModelSelection;

/// <summary>The GP surrogate against scikit-learn, expected improvement against quadrature, and Bayesian search against random search.</summary>
public class BayesSearchTests
{
    // A 12-point Cholesky solve in float64 with condition number ~1e4 (noise 1e-3): agreement to ~1e-12 expected.
    private static readonly Tolerance Posterior = new("GpPosterior", 1e-10, 1e-10);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void PosteriorMatchesScikitLearnWithAFixedKernel(int index)
    {
        var f = SearchFixture.Root.GetProperty("gp")[index];
        var kernel = Enum.Parse<SurrogateKernel>(f.GetProperty("kernel").GetString()!);
        var gp = GaussianProcessSurrogate.Fit(SearchFixture.Matrix(f.GetProperty("x")), SearchFixture.Doubles(f.GetProperty("y")), kernel,
            f.GetProperty("length_scale").GetDouble(), f.GetProperty("signal_variance").GetDouble(), f.GetProperty("noise").GetDouble());
        var xs = SearchFixture.Matrix(f.GetProperty("xs"));
        var mean = SearchFixture.Doubles(f.GetProperty("mean"));
        var variance = SearchFixture.Doubles(f.GetProperty("var"));
        for (int i = 0; i < xs.Length; i++)
        {
            var (m, v) = gp.Predict(xs[i]);
            Assert.True(Posterior.IsClose(m, mean[i]), $"mean[{i}] {m} vs {mean[i]}");
            Assert.True(Posterior.IsClose(v, variance[i]), $"var[{i}] {v} vs {variance[i]}");
        }
        Assert.True(Posterior.IsClose(gp.LogMarginalLikelihood, f.GetProperty("lml").GetDouble()), $"lml {gp.LogMarginalLikelihood}");
    }

    [Fact]
    public void PosteriorInterpolatesWithoutNoise()
    {
        double[][] x = [[0.1], [0.5], [0.9]];
        double[] y = [1.0, -2.0, 0.5];
        var gp = GaussianProcessSurrogate.Fit(x, y, SurrogateKernel.Rbf, 0.3, 2.0, 0.0);
        for (int i = 0; i < 3; i++)
        {
            var (m, v) = gp.Predict(x[i]);
            Assert.True(new Tolerance("Interpolation", 1e-9, 1e-9).IsClose(m, y[i]));
            Assert.InRange(v, 0, 1e-9);
        }
        // Far from the data the posterior returns to the prior.
        var (mf, vf) = GaussianProcessSurrogate.Fit(x, y, SurrogateKernel.Matern52, 0.01, 2.0, 1e-6).Predict([0.3]);
        Assert.True(Math.Abs(mf) < 1e-8 && Math.Abs(vf - 2.0) < 1e-8);
    }

    [Fact]
    public void MaximumLikelihoodBeatsEveryFixedSignalVarianceOnItsGrid()
    {
        var f = SearchFixture.Root.GetProperty("gp")[0];
        var x = SearchFixture.Matrix(f.GetProperty("x"));
        var y = SearchFixture.Doubles(f.GetProperty("y"));
        var best = GaussianProcessSurrogate.FitMaximumLikelihood(x, y);
        foreach (double eta in new[] { 1e-6, 1e-4, 1e-2, 1e-1 })
            for (int j = 0; j < 16; j++)
            {
                double ell = 0.03 * Math.Pow(100, j / 15.0);
                var fixedFit = GaussianProcessSurrogate.Fit(x, y, SurrogateKernel.Matern52, ell, 1.0, eta);
                Assert.True(best.LogMarginalLikelihood >= fixedFit.LogMarginalLikelihood - 1e-9, $"ℓ = {ell}, η = {eta}");
            }
    }

    [Theory]
    [InlineData(0.3, 0.04, 0.1, 0.01)]
    [InlineData(-1.0, 0.25, 0.5, 0.0)]
    [InlineData(2.0, 1.0, 0.0, 0.1)]
    [InlineData(0.0, 1e-6, 0.5, 0.0)]
    public void ExpectedImprovementEqualsQuadrature(double mean, double variance, double best, double xi)
    {
        // E[max(F − best − ξ, 0)] for F ~ N(mean, variance) by Simpson's rule over mean ± 12 s.
        double s = Math.Sqrt(variance);
        int n = 200000;
        double a = mean - 12 * s, h = 24 * s / n, sum = 0;
        for (int i = 0; i <= n; i++)
        {
            double t = a + i * h;
            double g = Math.Max(t - best - xi, 0) * Math.Exp(-0.5 * (t - mean) * (t - mean) / variance) / (s * Math.Sqrt(2 * Math.PI));
            sum += g * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
        }
        double quadrature = sum * h / 3;
        double ei = GaussianProcessSurrogate.ExpectedImprovement(mean, variance, best, xi);
        Assert.True(new Tolerance("Quadrature", 1e-10, 1e-8).IsClose(ei, quadrature), $"EI {ei} vs quadrature {quadrature}");
        Assert.Equal(Math.Max(mean - best - xi, 0), GaussianProcessSurrogate.ExpectedImprovement(mean, 0, best, xi));
    }

    [Fact]
    public void BayesFindsTheMaximumFasterThanRandomSearch()
    {
        var x = Tensor.FromArray(Enumerable.Range(0, 8).Select(i => (double)i).ToArray(), 8, 1);
        var y = Tensor.FromArray(new double[8], 8);
        var space = new Dictionary<string, ParameterDistribution> { ["A"] = new Uniform(0, 1), ["B"] = new LogUniform(1e-3, 1e3) };
        double bayes = 0, random = 0;
        const int seeds = 6, budget = 15;
        for (ulong seed = 0; seed < seeds; seed++)
        {
            var b = new BayesSearch(space, NInitial: 5, NIter: budget - 5, Seed: seed) { Cv = new KFold(2), RefitBest = false }
                .Fit(new Bowl(), x, y, Bowl.Scorers, TestContext.Current.CancellationToken);
            var r = new RandomizedSearch(space, NIter: budget, Seed: seed) { Cv = new KFold(2), RefitBest = false }
                .Fit(new Bowl(), x, y, Bowl.Scorers, TestContext.Current.CancellationToken);
            Assert.Equal(budget, b.Parameters.Count);
            bayes += -b.BestScore;
            random += -r.BestScore;
        }
        bayes /= seeds;
        random /= seeds;
        // Observed: Bayes 3.7e-4, random 3.0e-2 (6 seeds, 15 evaluations each).
        Assert.True(bayes < 0.2 * random, $"mean regret: Bayes {bayes}, random {random}");
        Assert.True(bayes < 0.005, $"mean regret: Bayes {bayes}");
    }

    [Fact]
    public void BayesSearchIsDeterministicAndReportsRounds()
    {
        var x = Tensor.FromArray(Enumerable.Range(0, 6).Select(i => (double)i).ToArray(), 6, 1);
        var y = Tensor.FromArray(new double[6], 6);
        var space = new Dictionary<string, ParameterDistribution> { ["A"] = new Uniform(0, 1), ["B"] = new Choice(0.01, 1.0, 100.0) };
        int reports = 0;
        var one = new BayesSearch(space, 3, 4, 9) { Cv = new KFold(2), MaxDegreeOfParallelism = 1 }.Fit(new Bowl(), x, y, Bowl.Scorers, TestContext.Current.CancellationToken,
            new GridSearchTests.SyncProgress(p => { Interlocked.Increment(ref reports); Assert.Equal(14, p.Total); }));
        var two = new BayesSearch(space, 3, 4, 9) { Cv = new KFold(2) }.Fit(new Bowl(), x, y, Bowl.Scorers, TestContext.Current.CancellationToken);
        Assert.Equal(14, reports);
        Assert.Equal(7, one.Parameters.Count);
        for (int i = 0; i < 7; i++) Assert.Equal(one.Parameters[i]["A"], two.Parameters[i]["A"]);
        Assert.Equal(new[] { 0, 0, 0, 1, 2, 3, 4 }, one.Iteration);
        Assert.Equal(5, one.Iterations.Count);
        Assert.IsType<BowlModel<double>>(one.BestModel);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BayesSearch(space, NInitial: 0));
        Assert.Throws<ArgumentException>(() => new BayesSearch(new Dictionary<string, ParameterDistribution>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BayesSearch(space) { Xi = -1 });
    }

    [Fact]
    public void BayesSearchTunesARealClassifierInFloat32()
    {
        var iris = Scratch.ML.Learn.Datasets.SmallDatasets.LoadIris();
        var x = iris.Data.Cast<float>();
        var space = new Dictionary<string, ParameterDistribution>
        {
            ["C"] = new LogUniform(1e-3, 1e3),
            ["ClassWeight"] = new Choice(null, Scratch.ML.Learn.LinearModels.ClassWeights.Balanced),
        };
        var result = new BayesSearch(space, NInitial: 4, NIter: 4, Seed: 2).Fit(new Scratch.ML.Learn.LinearModels.LogisticRegression(MaxIter: 500), x, iris.Labels!,
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(8, result.Parameters.Count);
        Assert.InRange(result.BestScore, 0.95, 1.0);
        Assert.IsType<Scratch.ML.Learn.LinearModels.LogisticRegressionModel<float>>(result.BestModel);
        Assert.Equal(result.BestParameters["C"], ((Scratch.ML.Learn.LinearModels.LogisticRegression)result.BestEstimator).C);
    }

    /// <summary>A test "estimator" whose score is a known function of its parameters: −((A − 0.3)² + (log₁₀ B − 0.5)²/9).</summary>
    private sealed record Bowl(double A = 0.5, double B = 1.0) : IRegressor
    {
        public static readonly Dictionary<string, RegressionScorer<double>> Scorers = new() { ["score"] = (m, _, _) => -((BowlModel<double>)m).Value };

        public EstimatorCapabilities Capabilities { get; } = new(EstimatorKind.Regressor, Supervised: true);

        public IRegressionModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T> =>
            new BowlModel<T>(x.Shape[1], (A - 0.3) * (A - 0.3) + (Math.Log10(B) - 0.5) * (Math.Log10(B) - 0.5) / 9);
    }

    private sealed class BowlModel<T>(int features, double value) : IRegressionModel<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public double Value => value;

        public int FeatureCount => features;

        public Tensor<T> Predict(Tensor<T> x) => Tensor.FromArray(Enumerable.Repeat(T.CreateTruncating(value), x.Shape[0]).ToArray(), x.Shape[0]);

        public void Save(Stream stream) => stream.WriteByte(0);
    }
}
