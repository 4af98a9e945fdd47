using System.Text.Json;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;

namespace Scratch.ML.Tests.Learn.LinearModels;

/// <summary>RidgeCV, LassoCV, ElasticNetCV and LogisticRegressionCV against scikit-learn 1.2
/// (tests/reference/sklearn_logistic2.py, cv.json) and the conformance suite.</summary>
public class LinearModelCVTests
{
    private static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "logistic2", "cv.json"))).RootElement;

    private static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static double[] Flat(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? e.EnumerateArray().SelectMany(Flat).ToArray() : [e.GetDouble()];

    private static Tensor<double> Vec(double[] v) => Tensor.FromArray(v, v.Length);

    private static (Tensor<double> X, Tensor<double> Y) Diabetes()
    {
        var ds = SmallDatasets.LoadDiabetes();
        return (ds.Data, ds.Target);
    }

    // One SVD, then closed forms in both libraries (scikit-learn forms c / diag(G⁻¹) with G⁻¹ = U·diag(w)·Uᵀ + I/α;
    // we form (y − ŷ)/(1 − H_ii)): the same numbers up to rounding amplified by 1/(1 − H_ii) and the conditioning of x.
    private static readonly Tolerance GcvRounding = new("RidgeGcvRounding", 1e-9, 1e-9);

    [Theory]
    [InlineData("ridge_gcv", true)]
    [InlineData("ridge_gcv_noint", false)]
    [InlineData("ridge_gcv_wide", true)]
    public void RidgeCVMatchesSklearnGcv(string name, bool intercept)
    {
        var c = Root.GetProperty(name);
        var (x, y) = Diabetes();
        if (name == "ridge_gcv_wide")
        {
            var rows = c.GetProperty("x");
            x = Tensor.FromArray(Flat(rows), rows.GetArrayLength(), rows[0].GetArrayLength());
            y = Vec(Doubles(c.GetProperty("y")));
        }
        var m = new RidgeCV(Doubles(c.GetProperty("alphas")), intercept).Fit(x, y);
        Assert.Equal(c.GetProperty("alpha").GetDouble(), m.Alpha);
        TensorAssert.Close(Vec(Doubles(c.GetProperty("mean_cv"))), Vec(m.MeanSquaredErrors.ToArray()), GcvRounding);
        Assert.Equal(c.GetProperty("best_score").GetDouble(), -m.MeanSquaredErrors.Min(), 1e-9 * Math.Abs(c.GetProperty("best_score").GetDouble()));
        TensorAssert.Close(Vec(Doubles(c.GetProperty("coef"))), m.Coef, GcvRounding);
        Assert.Equal(c.GetProperty("intercept").GetDouble(), m.Intercept.ToArray()[0], 1e-7);
        // The chosen model is Ridge at that α.
        TensorAssert.Close(new Ridge(m.Alpha, intercept).Fit(x, y).Coef, m.Coef, GcvRounding);
    }

    // Both paths at tol 1e-10 of the duality gap (relative to ‖ỹ‖² ≈ 2.6·10⁶ on diabetes folds), scikit-learn through
    // its Gram-matrix variant of coordinate descent: the fold solutions, hence the test errors, agree to the accuracy
    // the gap allows, ~1e-7 relative, not to rounding.
    private static readonly Tolerance PathAtTol = new("EnetPathGapTolerance", 1e-6, 1e-6);

    [Fact]
    public void LassoCVMatchesSklearn()
    {
        var c = Root.GetProperty("lasso");
        var (x, y) = Diabetes();
        var m = new LassoCV(Tol: 1e-10, MaxIter: 1000000).Fit(x, y);
        TensorAssert.Close(Vec(Doubles(c.GetProperty("alphas"))), Vec(m.AlphaGrid.ToArray()), Tolerance.Float64Reduction);
        Assert.Equal(c.GetProperty("alpha").GetDouble(), m.Alpha, 1e-12 * m.Alpha);
        TensorAssert.Close(Vec(Flat(c.GetProperty("mse_path"))), Vec(m.MsePath.ToArray()), PathAtTol);
        TensorAssert.Close(Vec(Doubles(c.GetProperty("coef"))), m.Coef, PathAtTol);
        Assert.Equal(c.GetProperty("intercept").GetDouble(), m.Intercept.ToArray()[0], 1e-6);
        Assert.Equal([1, 100, 5], m.MsePath.Shape.ToArray());
        // Defaults (tol 1e-4): the same α is chosen.
        var d = Root.GetProperty("lasso_default");
        var md = new LassoCV().Fit(x, y);
        Assert.Equal(d.GetProperty("alpha").GetDouble(), md.Alpha, 1e-12 * md.Alpha);
        // Refit is the same non-Gram coordinate descent as scikit-learn's: identical up to rounding.
        TensorAssert.Close(Vec(Doubles(d.GetProperty("coef"))), md.Coef, Tolerance.IterativeSolver);
    }

    [Fact]
    public void ElasticNetCVMatchesSklearn()
    {
        var c = Root.GetProperty("enet");
        var (x, y) = Diabetes();
        var m = new ElasticNetCV([0.1, 0.5, 0.9, 1.0], NAlphas: 30, Tol: 1e-10, MaxIter: 1000000).Fit(x, y);
        Assert.Equal(c.GetProperty("l1_ratio").GetDouble(), m.L1Ratio);
        Assert.Equal(c.GetProperty("alpha").GetDouble(), m.Alpha, 1e-12 * m.Alpha);
        Assert.Equal([4, 30], m.AlphaGrid.Shape.ToArray());
        TensorAssert.Close(Vec(Flat(c.GetProperty("alphas"))), Vec(m.AlphaGrid.ToArray()), Tolerance.Float64Reduction);
        Assert.Equal([4, 30, 5], m.MsePath.Shape.ToArray());
        TensorAssert.Close(Vec(Flat(c.GetProperty("mse_path"))), Vec(m.MsePath.ToArray()), PathAtTol);
        TensorAssert.Close(Vec(Doubles(c.GetProperty("coef"))), m.Coef, PathAtTol);
    }

    [Theory]
    [InlineData("logistic_bc", "bc")]
    [InlineData("logistic_iris", "iris")]
    public void LogisticRegressionCVChoosesSklearnsC(string name, string data)
    {
        var c = Root.GetProperty(name);
        var (x, y) = LogisticPenaltyTests.Standardised(data);
        var m = new LogisticRegressionCV(Doubles(c.GetProperty("Cs")), Estimator: new LogisticRegression(Tol: 1e-10, MaxIter: 100000)).Fit(x, y);
        Assert.Equal(c.GetProperty("C").GetDouble(), m.C);
        // Fold accuracies are counts of agreeing predictions: identical where no test point sits on a decision tie.
        TensorAssert.Close(Vec(Flat(c.GetProperty("scores"))), Vec(m.Scores.ToArray()), Tolerance.Float64Reduction);
        var coef = c.GetProperty("coef");
        TensorAssert.Close(Tensor.FromArray(Flat(coef), coef.GetArrayLength(), coef[0].GetArrayLength()), m.Coef, new Tolerance("LbfgsFtolVsOptimum", 2e-4, 2e-4));
    }

    [Fact]
    public void SaveLoadAndBadOptions()
    {
        var (x, y) = Diabetes();
        var r = new RidgeCV([0.5, 5]).Fit(x, y);
        var lr = RoundTrip(r, RidgeCVModel<double>.Load);
        Assert.Equal(r.Alpha, lr.Alpha);
        Assert.Equal(r.Options.Alphas, lr.Options.Alphas);
        TensorAssert.Equal(r.Predict(x), lr.Predict(x));
        var e = new ElasticNetCV([0.3, 0.8], NAlphas: 5, NFolds: 3).Fit(x, y);
        var le = RoundTrip(e, ElasticNetCVModel<double>.Load);
        Assert.Equal(e.Options.L1Ratios, le.Options.L1Ratios);
        Assert.Equal((e.Alpha, e.L1Ratio), (le.Alpha, le.L1Ratio));
        TensorAssert.Equal(e.MsePath, le.MsePath);
        TensorAssert.Equal(e.Predict(x), le.Predict(x));
        var (xc, yc) = LogisticPenaltyTests.Standardised("iris");
        var g = new LogisticRegressionCV(NCs: 3, NFolds: 3).Fit(xc, yc);
        var lg = RoundTrip(g, LogisticRegressionCVModel<double>.Load);
        Assert.Equal(g.Options with { }, lg.Options with { Cs = g.Options.Cs });
        TensorAssert.Equal(g.Scores, lg.Scores);
        TensorAssert.Equal(g.PredictProba(xc), lg.PredictProba(xc));

        Assert.Equal("Alphas", Assert.Throws<ArgumentException>(() => new RidgeCV([1, 0])).ParamName);
        Assert.Equal("L1Ratios", Assert.Throws<ArgumentException>(() => new ElasticNetCV([0.0])).ParamName);
        Assert.Equal("NFolds", Assert.Throws<ArgumentOutOfRangeException>(() => new LassoCV(NFolds: 1)).ParamName);
        Assert.Equal("Cs", Assert.Throws<ArgumentException>(() => new LogisticRegressionCV([-1.0])).ParamName);
        Assert.Equal("NCs", Assert.Throws<ArgumentOutOfRangeException>(() => new LogisticRegressionCV(NCs: 0)).ParamName);
        Assert.Contains("y must be 1-d", Assert.Throws<ArgumentException>(() => new RidgeCV().Fit(x, Tensor.Zeros<double>(442, 2))).Message);
        Assert.Contains("sample weights are not supported", Assert.Throws<ArgumentException>(() => new LassoCV().Fit(x, y, Tensor.Ones<double>(442))).Message);
        Assert.Contains("cannot split", Assert.Throws<ArgumentException>(() => new LassoCV().Fit(x.Narrow(0, 0, 3), y.Narrow(0, 0, 3))).Message);
    }

    private static TModel RoundTrip<TModel>(TModel model, Func<Stream, TModel> load) where TModel : IFittedModel
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        return load(stream);
    }

    [Fact]
    public void PassTheConformanceSuite()
    {
        EstimatorConformance.CheckRegressor(new RidgeCV([0.01, 0.1, 1, 10]), RidgeCVModel<double>.Load, RidgeCVModel<float>.Load);
        EstimatorConformance.CheckRegressor(new RidgeCV(FitIntercept: false), RidgeCVModel<double>.Load, RidgeCVModel<float>.Load);
        EstimatorConformance.CheckRegressor(new LassoCV(NAlphas: 20, NFolds: 3), ElasticNetCVModel<double>.Load, ElasticNetCVModel<float>.Load);
        EstimatorConformance.CheckRegressor(new ElasticNetCV([0.2, 0.9], NAlphas: 10), ElasticNetCVModel<double>.Load, ElasticNetCVModel<float>.Load);
        // LogisticRegressionCV declares SupportsSampleWeight = false although Fit uses weights: repeating rows changes
        // the folds, so "integer weights equal repeated rows" cannot hold for any cross-validated estimator.
        var checks = EstimatorConformance.CheckClassifier(new LogisticRegressionCV(NCs: 4, NFolds: 3), LogisticRegressionCVModel<double>.Load, LogisticRegressionCVModel<float>.Load);
        Assert.DoesNotContain("integer weights equal repeated rows", checks);
        var w = Tensor.FromArray(Enumerable.Range(0, 150).Select(i => 1.0 + i % 2).ToArray(), 150);
        var (xc, yc) = LogisticPenaltyTests.Standardised("iris");
        var est = new LogisticRegressionCV([0.5], NFolds: 3);
        TensorAssert.Close(new LogisticRegression(C: 0.5).Fit(xc, yc, w).Coef, est.Fit(xc, yc, w).Coef, Tolerance.Exact);
    }
}
