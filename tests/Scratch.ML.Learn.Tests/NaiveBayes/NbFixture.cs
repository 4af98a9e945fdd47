using System.Text.Json;
using Scratch.ML.Learn;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.NaiveBayes;

/// <summary>The scikit-learn 1.2 fixtures of tests/reference/sklearn_nb.py and the checks shared by the discrete NB tests.</summary>
internal static class NbFixture
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "nb", "nb.json"))).RootElement;

    // float64 on both sides; sums and logs in a different order (numpy BLAS vs our loops): ~1e-14 relative.
    public static readonly Tolerance VsSklearn = new("Float64VsSklearn", 1e-10, 1e-10);

    public static JsonElement Data => Root.GetProperty("data");

    public static JsonElement Case(string name) => Root.GetProperty("cases").GetProperty(name);

    public static Tensor<double> Matrix(JsonElement e)
    {
        int rows = e.GetArrayLength(), cols = e[0].GetArrayLength();
        var data = e.EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()).ToArray();
        return Tensor.FromArray(data, rows, cols);
    }

    public static Tensor<double> Vector(JsonElement e)
    {
        var data = e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return Tensor.FromArray(data, data.Length);
    }

    public static Tensor<double> X => Matrix(Data.GetProperty("x"));

    public static Tensor<double> Xc => Matrix(Data.GetProperty("xc"));

    public static int[] Y => Data.GetProperty("y").EnumerateArray().Select(v => v.GetInt32()).ToArray();

    public static Tensor<double> W => Vector(Data.GetProperty("w"));

    /// <summary>Compares the class count, class log-prior, joint log-likelihood, probabilities and predictions.</summary>
    public static void CheckCommon(JsonElement c, Tensor<double> classCount, Tensor<double> classLogPrior, Tensor<double> jll, IProbabilisticModel<double> m, Tensor<double> x)
    {
        Assert.Equal([1, 4, 7], m.Classes.Ints!);
        TensorAssert.Close(Vector(c.GetProperty("class_count")), classCount, VsSklearn);
        TensorAssert.Close(Vector(c.GetProperty("class_log_prior")), classLogPrior, VsSklearn);
        TensorAssert.Close(Matrix(c.GetProperty("jll")), jll, VsSklearn);
        TensorAssert.Close(Matrix(c.GetProperty("proba")), m.PredictProba(x), VsSklearn);
        TensorAssert.Close(Matrix(c.GetProperty("proba")).Log(), m.PredictLogProba(x), VsSklearn);
        // Predictions must agree except on exact ties (equal joint log-likelihoods in exact arithmetic, e.g. two classes
        // with identical counts for a row's categories), which rounding breaks either way: there our class must be a tied one.
        var expected = c.GetProperty("pred").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var actual = m.Predict(x).Ints!;
        var p = Matrix(c.GetProperty("proba")).ToArray();
        int k = m.Classes.Count, ties = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (expected[i] == actual[i]) continue;
            int ours = m.Classes.Ints!.ToList().IndexOf(actual[i]), theirs = m.Classes.Ints!.ToList().IndexOf(expected[i]);
            Assert.True(Math.Abs(p[i * k + ours] - p[i * k + theirs]) < 1e-12, $"row {i}: predicted {actual[i]}, scikit-learn {expected[i]}, not a tie");
            ties++;
        }
        Assert.True(ties <= 2, $"{ties} tied rows");
    }
}
