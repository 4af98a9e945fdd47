using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Svm;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Scratch.ML.Testing.Conformance;
using Xunit;

namespace Scratch.ML.Tests.Learn.Svm;

/// <summary>LinearSVR against scikit-learn 1.2 (liblinear) on standardised diabetes, properties and conformance.</summary>
public class LinearSVRTests
{
    private static (Tensor<double> X, Tensor<double> Y) Diabetes()
    {
        var ds = SmallDatasets.LoadDiabetes();
        return (LinearSvmData.Standardise(ds.Data), ds.Target);
    }

    private static LinearSVR Options(string name)
    {
        var tight = new LinearSVR(Tol: 1e-10, MaxIter: 1_000_000);
        return name switch
        {
            "l1_eps0" => tight,
            "l1_eps5_c10" => tight with { Epsilon = 5, C = 10 },
            "l2_c01" => tight with { Loss = LinearSvrLoss.SquaredEpsilonInsensitive, C = 0.1, Epsilon = 2 },
            "l2_no_intercept" => tight with { Loss = LinearSvrLoss.SquaredEpsilonInsensitive, C = 0.01, FitIntercept = false },
            "l1_scaling100_weighted" => tight with { C = 0.5, InterceptScaling = 100 },
            _ => throw new ArgumentException(name),
        };
    }

    /// <summary>½(‖w‖² + (b/s)²) + Σ Cᵢ ℓ(|yᵢ − ŷᵢ| − ε).</summary>
    internal static double Objective(LinearSVR o, Tensor<double> coef, double b, Tensor<double> x, Tensor<double> y, Tensor<double>? sw)
    {
        int n = x.Shape[0], d = x.Shape[1];
        double reg = 0, loss = 0;
        for (int j = 0; j < d; j++) reg += coef[j] * coef[j];
        if (o.FitIntercept) reg += Math.Pow(b / o.InterceptScaling, 2);
        for (int i = 0; i < n; i++)
        {
            double p = b;
            for (int j = 0; j < d; j++) p += coef[j] * x[i, j];
            double r = Math.Max(0, Math.Abs(y[i] - p) - o.Epsilon);
            loss += o.C * (sw is null ? 1 : sw[i]) * (o.Loss == LinearSvrLoss.EpsilonInsensitive ? r : r * r);
        }
        return 0.5 * reg + loss;
    }

    [Theory]
    [InlineData("l1_eps0")]
    [InlineData("l1_eps5_c10")]
    [InlineData("l2_c01")]
    [InlineData("l2_no_intercept")]
    [InlineData("l1_scaling100_weighted")]
    public void MatchesSklearn(string name)
    {
        var c = LinearSvmData.Root.GetProperty("svr").GetProperty(name);
        var (x, y) = Diabetes();
        var w = c.GetProperty("weighted").GetBoolean() ? LinearSvmData.Weights(x.Shape[0]) : null;
        var o = Options(name);
        var m = o.Fit(x, y, w);
        Assert.True(m.Converged);
        TensorAssert.Close(LinearSvmData.Vector(c.GetProperty("coef")), m.Coef, LinearSvmData.VsSklearn);
        double b = c.GetProperty("intercept").GetDouble();
        TensorAssert.Close(Tensor.FromArray([b], 1).Reshape(), m.Intercept, LinearSvmData.VsSklearn);
        var expected = LinearSvmData.Vector(c.GetProperty("predict"));
        TensorAssert.Close(expected, m.Predict(x.Narrow(0, 0, expected.Shape[0])), LinearSvmData.VsSklearn.Scaled(10, "a prediction sums 10 products of coefficients within tolerance"));
        double ours = Objective(o, m.Coef, m.Intercept.ToArray()[0], x, y, w), theirs = c.GetProperty("objective").GetDouble();
        Assert.True(ours <= theirs * (1 + 1e-10), $"objective {ours} > scikit-learn's {theirs}");
        Assert.Equal(theirs, Objective(o, LinearSvmData.Vector(c.GetProperty("coef")), b, x, y, w), 1e-8 * theirs);
    }

    [Fact]
    public void DualVariablesAreFeasibleAndReproduceW()
    {
        var (x, y) = Diabetes();
        int n = x.Shape[0], d = x.Shape[1];
        var data = x.ToArray();
        var c = Enumerable.Range(0, n).Select(i => 0.1 * (1 + i % 3)).ToArray();
        var s = LinearDualCoordinateDescent.Regress(data, n, d, 10.0, y.ToArray(), c, 3.0, false, 1e-8, 100000, new Scratch.ML.Rng.Generator(2), true, out var beta);
        Assert.True(s.Converged);
        var w = new double[d + 1];
        for (int i = 0; i < n; i++)
        {
            Assert.InRange(beta[i], -c[i], c[i]);
            for (int j = 0; j < d; j++) w[j] += beta[i] * data[i * d + j];
            w[d] += beta[i] * 10.0;
        }
        for (int j = 0; j <= d; j++) Assert.Equal(w[j], s.W[j], 1e-8);
    }

    [Fact]
    public void SameSeedSameModelAndRowOrderOnlyMattersUpToTheTolerance()
    {
        var (x, y) = Diabetes();
        var a = new LinearSVR(Seed: 4).Fit(x, y);
        TensorAssert.Equal(a.Coef, new LinearSVR(Seed: 4).Fit(x, y).Coef);
        var tight = new LinearSVR(Loss: LinearSvrLoss.SquaredEpsilonInsensitive, Tol: 1e-12, MaxIter: 100000);
        var order = new Scratch.ML.Rng.Generator(1).Permutation(x.Shape[0]);
        var index = Tensor.FromArray(Array.ConvertAll(order, i => (long)i), order.Length);
        var permuted = tight.Fit(x.IndexSelect(0, index), y.IndexSelect(0, index));
        TensorAssert.Close(tight.Fit(x, y).Coef, permuted.Coef, LinearSvmData.VsSklearn);
    }

    [Fact]
    public void PassesTheConformanceSuite()
    {
        // The tolerance is tight because the suite compares weighted and repeated-row fits to 1e-9: both reach the same
        // (unique) optimum, but only to within the solver tolerance.
        var checks = EstimatorConformance.CheckRegressor(new LinearSVR(Tol: 1e-12, MaxIter: 100000), LinearSVRModel<double>.Load, LinearSVRModel<float>.Load);
        Assert.Contains("integer weights equal repeated rows", checks);
        EstimatorConformance.CheckRegressor(new LinearSVR(Epsilon: 0.2, Loss: LinearSvrLoss.SquaredEpsilonInsensitive, C: 3, Tol: 1e-12, MaxIter: 100000, FitIntercept: false, Seed: 5),
            LinearSVRModel<double>.Load, LinearSVRModel<float>.Load);
    }

    [Fact]
    public void SaveAndLoadKeepOptions()
    {
        var (x, y) = Diabetes();
        var options = new LinearSVR(1.5, LinearSvrLoss.SquaredEpsilonInsensitive, 0.7, 1e-5, 300, true, 20, 8, false);
        var m = options.Fit(x, y);
        using var stream = new MemoryStream();
        m.Save(stream);
        stream.Position = 0;
        var back = LinearSVRModel<double>.Load(stream);
        TensorAssert.Equal(m.Coef, back.Coef);
        TensorAssert.Equal(m.Intercept, back.Intercept);
        Assert.Equal(options, back.Options);
        Assert.Equal(m.Iterations, back.Iterations);
    }

    [Fact]
    public void BadOptionsAndInputFailClearly()
    {
        Assert.Equal("Epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearSVR(Epsilon: -1)).ParamName);
        Assert.Equal("C", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearSVR(C: -1)).ParamName);
        Assert.Equal("Tol", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearSVR(Tol: double.PositiveInfinity)).ParamName);
        Assert.Equal("Loss", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearSVR(Loss: (LinearSvrLoss)9)).ParamName);
        var x = Tensor.FromArray([0.0, 1, 2, 3], 4, 1);
        Assert.Contains("shape (4)", Assert.Throws<ArgumentException>(() => new LinearSVR().Fit(x, Tensor.Zeros<double>(3))).Message);
        Assert.Contains("sum to zero", Assert.Throws<ArgumentException>(() => new LinearSVR().Fit(x, Tensor.Zeros<double>(4), Tensor.Zeros<double>(4))).Message);
        var m = new LinearSVR().Fit(x, Tensor.FromArray([0.0, 1, 2, 3], 4));
        Assert.Contains("fitted with 1", Assert.Throws<ArgumentException>(() => m.Predict(Tensor.Ones<double>(2, 3))).Message);
    }
}
