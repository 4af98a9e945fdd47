using System.Text.Json;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Preprocessing;

namespace Scratch.ML.Tests.Learn.Svm;

/// <summary>The scikit-learn fixture (tests/reference/sklearn_svm.py) and the data it was computed on.</summary>
internal static class SvmFixture
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "svm", "svm.json"))).RootElement;

    /// <summary>Standardised iris or breast cancer features and their labels.</summary>
    public static (Tensor<double> X, int[] Y) Classification(string name)
    {
        var ds = name == "iris" ? SmallDatasets.LoadIris() : SmallDatasets.LoadBreastCancer();
        var x = new StandardScaler().Fit(ds.Data).Transform(ds.Data);
        return (x, ds.Labels!);
    }

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

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();
}
