using Scratch.ML.Learn;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.ModelSelection;
using Scratch.ML.Learn.NaiveBayes;
using Scratch.ML.Learn.Neighbors;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;
using static Scratch.ML.Tests.Learn.Ensemble.EnsembleFixture;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>
/// BaggingClassifier and BaggingRegressor: held-out scores within stated margins of scikit-learn 1.2 (our draws come
/// from Philox, not NumPy, so only the statistics can agree), exact properties, determinism, bad input, conformance.
/// </summary>
public class BaggingTests
{
    // Mean held-out score over seeds 0–4 vs scikit-learn's mean over its seeds 0–4. The per-seed spread is ≈0.004
    // accuracy (169 test rows) and ≈0.01 R² (112 test rows), so the means of 5 seeds differ by noise of ≈0.003 / 0.006;
    // the margins allow about 4 standard errors plus the test-set granularity (one row = 0.006 accuracy).
    private const double AccuracyMargin = 0.02, R2Margin = 0.03;

    private static (Tensor<double> Xt, int[] Yt, Tensor<double> Xs, int[] Ys) CancerSplit()
    {
        var (x, y) = Cancer();
        var perm = Ints(Root.GetProperty("resampling").GetProperty("perm_cancer"));
        int[] train = perm[..400], test = perm[400..];
        return (CrossValidation.Rows(x, train), train.Select(i => y[i]).ToArray(), CrossValidation.Rows(x, test), test.Select(i => y[i]).ToArray());
    }

    private static (Tensor<double> Xt, Tensor<double> Yt, Tensor<double> Xs, Tensor<double> Ys) DiabetesSplit()
    {
        var (x, y) = Diabetes();
        var perm = Ints(Root.GetProperty("resampling").GetProperty("perm_diabetes"));
        int[] train = perm[..330], test = perm[330..];
        return (CrossValidation.Rows(x, train), CrossValidation.Rows(y, train), CrossValidation.Rows(x, test), CrossValidation.Rows(y, test));
    }

    private static double SklearnMean(string name) => Doubles(Root.GetProperty("resampling").GetProperty(name)).Average();

    [Fact]
    public void ClassifierAccuracyIsWithinMarginOfSklearn()
    {
        var (xt, yt, xs, ys) = CancerSplit();
        double ours = Enumerable.Range(0, 5).Average(s =>
            new BaggingClassifier(new KNeighborsClassifier(5), 20, MaxSamples: 0.5, MaxFeatures: 0.5, Seed: (ulong)s).Fit(xt, yt).Score(xs, ys));
        Assert.InRange(ours - SklearnMean("bagging_knn_cancer"), -AccuracyMargin, AccuracyMargin);
        double oob = Enumerable.Range(0, 5).Average(s =>
            new BaggingClassifier(new KNeighborsClassifier(5), 30, OobScore: true, Seed: (ulong)s).Fit(xt, yt).OobScore!.Value);
        Assert.InRange(oob - SklearnMean("bagging_oob_knn_cancer"), -AccuracyMargin, AccuracyMargin);
    }

    [Fact]
    public void RegressorR2IsWithinMarginOfSklearn()
    {
        var (xt, yt, xs, ys) = DiabetesSplit();
        double ours = Enumerable.Range(0, 5).Average(s =>
            new BaggingRegressor(new KNeighborsRegressor(5), 20, MaxSamples: 0.7, Seed: (ulong)s).Fit(xt, yt).Score(xs, ys));
        Assert.InRange(ours - SklearnMean("bagging_knn_diabetes"), -R2Margin, R2Margin);
        var oob = new BaggingRegressor(new Ridge(1.0), 30, OobScore: true, Seed: 1).Fit(xt, yt);
        Assert.InRange(oob.OobScore!.Value, 0.3, 0.7);                  // Ridge's held-out R² on diabetes is ≈0.45
        Assert.Equal(330, oob.OobPrediction!.Shape[0]);
    }

    [Fact]
    public void DefaultTreesScoreWithinMarginOfSklearn()
    {
        var (xt, yt, xs, ys) = CancerSplit();
        double acc = Enumerable.Range(0, 5).Average(s => new BaggingClassifier(NEstimators: 20, Seed: (ulong)s).Fit(xt, yt).Score(xs, ys));
        Assert.InRange(acc - SklearnMean("bagging_tree_cancer"), -AccuracyMargin, AccuracyMargin);
        var (dt, dy, ds, dys) = DiabetesSplit();
        double r2 = Enumerable.Range(0, 5).Average(s => new BaggingRegressor(NEstimators: 20, Seed: (ulong)s).Fit(dt, dy).Score(ds, dys));
        Assert.InRange(r2 - SklearnMean("bagging_tree_diabetes"), -R2Margin, R2Margin);
        Assert.Equal(new DecisionTreeClassifier(), new BaggingClassifier().Estimator);
    }

    // Only the classifier: with DecisionTreeRegressor members the float-vs-double check fails, because a single
    // DecisionTreeRegressor fitted with some zero sample weights (bagging's out-of-bag rows; AdaBoost.R2's resampling is
    // moreover driven by float-rounded errors) already differs between float32 and float64 input on the conformance data
    // (a tree issue, reported to the trees helper). The regressors' own machinery is checked with Ridge members below.
    [Fact]
    public void DefaultTreeEnsemblesConform()
    {
        RegisterKinds();
        EstimatorConformance.CheckClassifier(new BaggingClassifier(NEstimators: 5, MaxFeatures: 0.5), s => BaggingClassifierModel<double>.Load(s), s => BaggingClassifierModel<float>.Load(s));
    }

    [Fact]
    public void WithoutResamplingEveryMemberIsTheBaseModel()
    {
        var (x, y) = Wine();
        var bag = new BaggingClassifier(new GaussianNB(), 5, Bootstrap: false).Fit(x, y);
        TensorAssert.Close(new GaussianNB().Fit(x, y).PredictProba(x), bag.PredictProba(x), ClosedForm);
        var (xd, yd) = Diabetes();
        var reg = new BaggingRegressor(new Ridge(0.5), 3, Bootstrap: false).Fit(xd, yd);
        TensorAssert.Close(new Ridge(0.5).Fit(xd, yd).Predict(xd), reg.Predict(xd), ClosedForm);
    }

    [Fact]
    public void MemberDrawsDependOnlyOnSeedAndIndex()
    {
        // Member i draws from stream i of the seed, so a 4-member ensemble is the prefix of a 10-member one, and fits
        // running concurrently on other threads give identical members: results cannot depend on the thread count.
        var (x, y) = Wine();
        var big = new BaggingClassifier(new KNeighborsClassifier(3), 10, MaxSamples: 0.6, MaxFeatures: 0.5, BootstrapFeatures: true, Seed: 7).Fit(x, y);
        var small = new BaggingClassifier(new KNeighborsClassifier(3), 4, MaxSamples: 0.6, MaxFeatures: 0.5, BootstrapFeatures: true, Seed: 7).Fit(x, y);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(big.EstimatorFeatures[i], small.EstimatorFeatures[i]);
            var xi = BaggingColumns(x, big.EstimatorFeatures[i]);
            TensorAssert.Close(((IProbabilisticModel<double>)big.Estimators[i]).PredictProba(xi), ((IProbabilisticModel<double>)small.Estimators[i]).PredictProba(xi), Tolerance.Exact);
        }
        var parallel = Enumerable.Range(0, 4).AsParallel().Select(_ => new BaggingClassifier(new KNeighborsClassifier(3), 10, MaxSamples: 0.6, MaxFeatures: 0.5, BootstrapFeatures: true, Seed: 7).Fit(x, y).PredictProba(x)).ToArray();
        foreach (var p in parallel) TensorAssert.Close(big.PredictProba(x), p, Tolerance.Exact);
        Assert.NotEqual(big.EstimatorFeatures[0], new BaggingClassifier(new KNeighborsClassifier(3), 1, MaxFeatures: 0.5, Seed: 8).Fit(x, y).EstimatorFeatures[0]);
    }

    [Fact]
    public async Task OneThreadGivesTheSameModelAsMany()
    {
        // Parallel.For runs on the current task scheduler: on an exclusive scheduler every member (and every tree inside)
        // is fitted on one thread at a time. The model must be bit-for-bit the one fitted on the thread pool.
        var (x, y) = Wine();
        var bagging = new BaggingClassifier(NEstimators: 8, MaxFeatures: 0.6, Seed: 11);
        var many = bagging.Fit(x, y).PredictProba(x);
        var single = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, maxConcurrencyLevel: 1).ExclusiveScheduler;
        var one = await Task.Factory.StartNew(() => bagging.Fit(x, y).PredictProba(x), TestContext.Current.CancellationToken, TaskCreationOptions.None, single);
        TensorAssert.Close(many, one, Tolerance.Exact);
    }

    private static Tensor<double> BaggingColumns(Tensor<double> x, IReadOnlyList<int> f) =>
        x.IndexSelect(1, Tensor.FromArray(f.Select(v => (long)v).ToArray(), f.Count));

    [Fact]
    public void FeatureSubsetsHaveTheRequestedSize()
    {
        var (x, y) = Cancer();
        var plain = new BaggingClassifier(new GaussianNB(), 6, MaxFeatures: 0.5, Seed: 1).Fit(x, y);
        Assert.All(plain.EstimatorFeatures, f => { Assert.Equal(15, f.Count); Assert.Equal(15, f.Distinct().Count()); Assert.Equal(f.Order(), f); });
        var counted = new BaggingClassifier(new GaussianNB(), 6, MaxFeatures: 4, MaxSamples: 100, Seed: 1).Fit(x, y);
        Assert.All(counted.EstimatorFeatures, f => Assert.Equal(4, f.Count));
        var boot = new BaggingClassifier(new GaussianNB(), 20, MaxFeatures: 1.0, BootstrapFeatures: true, Seed: 1).Fit(x, y);
        Assert.Contains(boot.EstimatorFeatures, f => f.Distinct().Count() < 30);   // with replacement, repeats are all but certain
    }

    [Fact]
    public void BadInputIsRejectedByName()
    {
        var (x, y) = Wine();
        Assert.Throws<ArgumentOutOfRangeException>(() => new BaggingClassifier(new GaussianNB(), 0));
        Assert.Contains("whole count", Assert.Throws<ArgumentOutOfRangeException>(() => new BaggingClassifier(new GaussianNB(), MaxSamples: 1.5)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BaggingRegressor(new Ridge(), MaxFeatures: 0));
        Assert.Contains("Bootstrap", Assert.Throws<ArgumentException>(() => new BaggingClassifier(new GaussianNB(), Bootstrap: false, OobScore: true)).Message);
        Assert.Contains("MaxSamples", Assert.Throws<ArgumentException>(() => new BaggingClassifier(new GaussianNB(), MaxSamples: 1000).Fit(x, y)).Message);
        Assert.Contains("MaxFeatures", Assert.Throws<ArgumentException>(() => new BaggingClassifier(new GaussianNB(), MaxFeatures: 14).Fit(x, y)).Message);
        Assert.Contains("sample weights", Assert.Throws<ArgumentException>(() => new BaggingClassifier(new KNeighborsClassifier()).Fit(x, y, Tensor.Ones<double>(y.Length))).Message);
        Assert.Throws<ArgumentException>(() => new BaggingClassifier(new GaussianNB()).Fit(x, new int[y.Length]));
        var w = Tensor.Ones<double>(y.Length);
        w[2] = -1;
        Assert.Contains("sampleWeight", Assert.Throws<ArgumentException>(() => new BaggingClassifier(new GaussianNB()).Fit(x, y, w)).Message);
    }

    [Fact]
    public void ParametersReachTheBaseEstimator()
    {
        var b = new BaggingClassifier(new KNeighborsClassifier(5), 7);
        Assert.Equal(5, EstimatorParameters.Get(b)["Estimator.Neighbors"]);
        var changed = EstimatorParameters.With(b, new Dictionary<string, object?> { ["Estimator.Neighbors"] = 3, ["NEstimators"] = 4 });
        Assert.Equal(new BaggingClassifier(new KNeighborsClassifier(3), 4), changed);
        Assert.Equal(b, EstimatorParameters.Clone(b));
    }

    [Fact]
    public void SavedModelsLoadExactly()
    {
        var (x, y) = Wine();
        var m = new BaggingClassifier(new KNeighborsClassifier(3), 5, MaxFeatures: 0.5, OobScore: true, Seed: 2).Fit(x, y);
        var back = RoundTrip(m, BaggingClassifierModel<double>.Load);
        TensorAssert.Close(m.PredictProba(x), back.PredictProba(x), Tolerance.Exact);
        Assert.Equal(m.OobScore, back.OobScore);
        Assert.Equal(m.EstimatorFeatures, back.EstimatorFeatures);
    }

    [Fact]
    public void Float32AgreesWithFloat64()
    {
        var (x, y) = Wine();
        var b = new BaggingClassifier(new GaussianNB(), 5, MaxFeatures: 0.5, Seed: 3);
        TensorAssert.Close(b.Fit(x, y).PredictProba(x), b.Fit(x.Cast<float>(), y).PredictProba(x.Cast<float>()).Cast<double>(), new Tolerance("Float32Bagging", 1e-4, 1e-4));
    }

    [Fact]
    public void ClassifiersConform()
    {
        EstimatorConformance.CheckClassifier(new BaggingClassifier(new GaussianNB(), 5, Seed: 1), s => BaggingClassifierModel<double>.Load(s), s => BaggingClassifierModel<float>.Load(s));
        EstimatorConformance.CheckClassifier(new BaggingClassifier(new KNeighborsClassifier(3), 5, MaxFeatures: 0.5, BootstrapFeatures: true, OobScore: true),
            s => BaggingClassifierModel<double>.Load(s), s => BaggingClassifierModel<float>.Load(s));
    }

    [Fact]
    public void RegressorConforms() =>
        EstimatorConformance.CheckRegressor(new BaggingRegressor(new Ridge(0.1), 5, MaxFeatures: 0.8, Seed: 4), s => BaggingRegressorModel<double>.Load(s), s => BaggingRegressorModel<float>.Load(s));
}
