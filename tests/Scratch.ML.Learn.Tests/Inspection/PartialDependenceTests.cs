using System.Text.Json;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Inspection;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.Neighbors;
using Xunit;
using static Scratch.ML.Tests.Learn.Inspection.InspectionFixture;

namespace Scratch.ML.Tests.Learn.Inspection;

/// <summary>Brute-force partial dependence and ICE against scikit-learn 1.2 (grids, averages, individual lines).</summary>
public class PartialDependenceTests
{
    // Models that reproduce sklearn's predictions to ~1e-13 relative (closed-form least squares, exact KNN, the
    // exported logistic coefficients), so grids and curves agree to 1e-10 relative.
    private static void Close(double expected, double actual, string what)
        => Assert.True(Math.Abs(expected - actual) <= 1e-10 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    private static PartialDependenceOptions Options(JsonElement c)
    {
        var kind = c.GetProperty("kind").GetString() switch { "average" => PartialDependenceKind.Average, "individual" => PartialDependenceKind.Individual, _ => PartialDependenceKind.Both };
        var p = Doubles(c.GetProperty("percentiles"));
        return new PartialDependenceOptions
        {
            GridResolution = c.GetProperty("grid_resolution").GetInt32(),
            Percentiles = (p[0], p[1]),
            Kind = kind,
            Method = PartialDependenceMethod.Brute,
            CategoricalFeatures = c.GetProperty("categorical").ValueKind == JsonValueKind.Null ? null : Ints(c.GetProperty("categorical")),
        };
    }

    private static int[] Features(JsonElement c)
    {
        var f = c.GetProperty("features")[0];
        return f.ValueKind == JsonValueKind.Array ? Ints(f) : [f.GetInt32()];
    }

    internal static void AssertMatches(JsonElement c, PartialDependenceResult r, string name)
    {
        var values = c.GetProperty("values").EnumerateArray().Select(Doubles).ToArray();
        Assert.Equal(values.Length, r.GridValues.Count);
        for (int f = 0; f < values.Length; f++)
        {
            Assert.Equal(values[f].Length, r.GridValues[f].Length);
            for (int i = 0; i < values[f].Length; i++) Close(values[f][i], r.GridValues[f][i], $"{name} grid {f}[{i}]");
        }
        if (c.TryGetProperty("average", out var avg))
        {
            var shape = Ints(c.GetProperty("shape"));
            Assert.Equal(shape[0], r.Outputs);
            var e = Doubles(avg);
            Assert.Equal(e.Length, r.Average!.Length);
            for (int i = 0; i < e.Length; i++) Close(e[i], r.Average[i], $"{name} average[{i}]");
        }
        else Assert.Null(r.Average);
        if (c.TryGetProperty("individual", out var ind))
        {
            var shape = Ints(c.GetProperty("ishape"));
            Assert.Equal(shape[0], r.Outputs);
            Assert.Equal(shape[1], r.Samples);
            var e = Doubles(ind);
            Assert.Equal(e.Length, r.Individual!.Length);
            for (int i = 0; i < e.Length; i++) Close(e[i], r.Individual[i], $"{name} individual[{i}]");
        }
        else Assert.Null(r.Individual);
    }

    [Theory]
    [InlineData("diabetes_linear_bmi")]
    [InlineData("diabetes_linear_sex")]
    [InlineData("diabetes_linear_pair")]
    [InlineData("diabetes_linear_cat")]
    [InlineData("diabetes_knnreg_bmi")]
    public void RegressorsMatchSklearn(string name)
    {
        var c = Pdp(name);
        IRegressionModel<double> model = name.Contains("knn", StringComparison.Ordinal)
            ? new KNeighborsRegressor(4).Fit(Diabetes.Data, Diabetes.Target)
            : new LinearRegression().Fit(Diabetes.Data, Diabetes.Target);
        var x = Rows(Diabetes.Data, Range(60));
        AssertMatches(c, PartialDependence.Compute(model, x, Features(c), Options(c)), name);
    }

    [Theory]
    [InlineData("bc_knn_binary")]
    [InlineData("iris_knn_multiclass")]
    public void ProbabilisticClassifiersMatchSklearn(string name)
    {
        var c = Pdp(name);
        PartialDependenceResult r;
        if (name.StartsWith("bc", StringComparison.Ordinal))
        {
            var (xb, yb) = CancerSubset();
            var knn = new KNeighborsClassifier(7).Fit(xb, Labels.From(yb));
            r = PartialDependence.Compute(knn, Rows(xb, Range(80)), Features(c), Options(c));
            Assert.Equal(1, r.Outputs); // binary: the positive class only
        }
        else
        {
            var knn = new KNeighborsClassifier(5).Fit(Iris.Data, Labels.From(Iris.Labels!));
            r = PartialDependence.Compute(knn, Rows(Iris.Data, Range(150, 5)), Features(c), Options(c));
            Assert.Equal(3, r.Outputs);
        }
        AssertMatches(c, r, name);
    }

    [Theory]
    [InlineData("iris_logistic_petal")]
    [InlineData("iris_logistic_pair")]
    public void SklearnLogisticProbabilitiesThroughAResponseFunction(string name)
    {
        var c = Pdp(name);
        var coef = Matrix(c.GetProperty("coef"));
        var b = Doubles(c.GetProperty("intercept"));
        Tensor<double> Softmax(Tensor<double> x)
        {
            int n = x.Shape[0], d = x.Shape[1], k = b.Length;
            var a = x.ToArray();
            var p = new double[n * k];
            for (int i = 0; i < n; i++)
            {
                double max = double.NegativeInfinity;
                for (int o = 0; o < k; o++)
                {
                    double z = b[o];
                    for (int j = 0; j < d; j++) z += a[i * d + j] * coef[o, j];
                    p[i * k + o] = z;
                    max = Math.Max(max, z);
                }
                double s = 0;
                for (int o = 0; o < k; o++) s += p[i * k + o] = Math.Exp(p[i * k + o] - max);
                for (int o = 0; o < k; o++) p[i * k + o] /= s;
            }
            return Tensor.FromArray(p, n, k);
        }
        var r = PartialDependence.Compute(Softmax, Rows(Iris.Data, Range(150, 3)), Features(c), Options(c));
        AssertMatches(c, r, name);
        for (int g = 0; g < r.GridSize; g++) Close(1.0, r.Average![g] + r.Average[r.GridSize + g] + r.Average[2 * r.GridSize + g], "probabilities sum to 1");
    }

    [Fact]
    public void OurLogisticRegressionIsCloseToSklearns()
    {
        // Our lbfgs stops at its own tolerance: coefficients agree with sklearn's to ~1e-4, so the curves agree to 1e-3.
        var c = Pdp("iris_logistic_petal");
        var model = new LogisticRegression().Fit(Iris.Data, Labels.From(Iris.Labels!));
        var r = PartialDependence.Compute(model, Rows(Iris.Data, Range(150, 3)), [2], new PartialDependenceOptions { GridResolution = 10 });
        var e = Doubles(c.GetProperty("average"));
        for (int i = 0; i < e.Length; i++) Assert.Equal(e[i], r.Average![i], 1e-3);
    }

    [Fact]
    public void AverageIsTheMeanOfTheIceLinesAndFloat32Agrees()
    {
        var model = new LinearRegression().Fit(Diabetes.Data, Diabetes.Target);
        var x = Rows(Diabetes.Data, Range(40));
        var r = PartialDependence.Compute(model, x, [2, 3], new PartialDependenceOptions { GridResolution = 5, Kind = PartialDependenceKind.Both });
        Assert.Equal(25, r.GridSize);
        for (int g = 0; g < 25; g++)
        {
            double s = 0;
            for (int i = 0; i < 40; i++) s += r.IndividualAt(0, i, g / 5, g % 5);
            Assert.Equal(s / 40, r.AverageAt(0, g / 5, g % 5), 1e-10);
        }
        var x32 = Tensor.FromArray(Array.ConvertAll(x.ToArray(), v => (float)v), 40, 10);
        var m32 = new LinearRegression().Fit(
            Tensor.FromArray(Array.ConvertAll(Diabetes.Data.ToArray(), v => (float)v), 442, 10),
            Tensor.FromArray(Array.ConvertAll(Diabetes.Target.ToArray(), v => (float)v)));
        var r32 = PartialDependence.Compute(m32, x32, [2, 3], new PartialDependenceOptions { GridResolution = 5 });
        for (int g = 0; g < 25; g++) Assert.Equal(r.Average![g], r32.Average![g], 1e-2); // float32 rounding of targets ~150
    }

    [Fact]
    public void BadInputIsRejected()
    {
        var model = new LinearRegression().Fit(Diabetes.Data, Diabetes.Target);
        var x = Rows(Diabetes.Data, Range(30));
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => PartialDependence.Compute(model, x, [])).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => PartialDependence.Compute(model, x, [0, 1, 2])).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => PartialDependence.Compute(model, x, [10])).ParamName);
        Assert.Equal("features", Assert.Throws<ArgumentException>(() => PartialDependence.Compute(model, x, [3, 3])).ParamName);
        Assert.Equal("gridResolution", Assert.Throws<ArgumentOutOfRangeException>(() => PartialDependence.Compute(model, x, [0], new PartialDependenceOptions { GridResolution = 1 })).ParamName);
        Assert.Equal("percentiles", Assert.Throws<ArgumentException>(() => PartialDependence.Compute(model, x, [0], new PartialDependenceOptions { Percentiles = (0.9, 0.1) })).ParamName);
        Assert.Equal("percentiles", Assert.Throws<ArgumentException>(() => PartialDependence.Compute(model, x, [0], new PartialDependenceOptions { Percentiles = (-0.1, 0.5) })).ParamName);
        var spike = new double[100 * 2];
        for (int i = 0; i < 3; i++) spike[i * 2] = i + 1; // 4 unique values, but the 5 % and 95 % percentiles are both 0
        Assert.Contains("too close", Assert.Throws<ArgumentException>(() =>
            PartialDependence.Compute(t => t, Tensor.FromArray(spike, 100, 2), [0], new PartialDependenceOptions { GridResolution = 3 })).Message);
        Assert.Contains("recursion", Assert.Throws<ArgumentException>(() => PartialDependence.Compute(model, x, [0], new PartialDependenceOptions { Method = PartialDependenceMethod.Recursion })).Message);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => PartialDependence.Compute(model, x, [0], new PartialDependenceOptions { ResponseMethod = ResponseMethod.PredictProba })).ParamName);
        var nan = x.ToArray();
        nan[10 * 3] = double.NaN;
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => PartialDependence.Compute(t => t, Tensor.FromArray(nan, 30, 10), [0])).Message);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => PartialDependence.Compute(model, Tensor.Zeros<double>(0, 10), [0])).ParamName);
        var hard = new HardClassifier();
        Assert.Contains("neither", Assert.Throws<ArgumentException>(() => PartialDependence.Compute(hard, Iris.Data, [0])).Message);
    }
}
