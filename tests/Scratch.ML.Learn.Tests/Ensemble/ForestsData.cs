using System.Text.Json;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Datasets;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>The forest fixtures (tests/reference/sklearn_forests.py) and the datasets they were computed on.</summary>
internal static class ForestsData
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "forests", "forests.json"))).RootElement;

    /// <summary>Features and targets of a named dataset: class codes as Labels for classification, else y.</summary>
    public static (Tensor<double> X, int[]? Labels, Tensor<double> Y) Dataset(string name)
    {
        Dataset? shipped = name switch
        {
            "iris" => SmallDatasets.LoadIris(),
            "wine" => SmallDatasets.LoadWine(),
            "breast_cancer" => SmallDatasets.LoadBreastCancer(),
            "diabetes" => SmallDatasets.LoadDiabetes(),
            _ => null,
        };
        if (shipped is not null) return (shipped.Data, shipped.Labels, shipped.Target);
        var d = Root.GetProperty("data").GetProperty(name);
        var x = Matrix(d.GetProperty("x"));
        var y = d.GetProperty("y");
        bool classes = y[0].ValueKind == JsonValueKind.Number && y.EnumerateArray().All(v => v.TryGetInt32(out _));
        var yd = Vector(y);
        return (x, classes ? Array.ConvertAll(yd.ToArray(), v => (int)v) : null, yd);
    }

    /// <summary>Rows where i % 4 != 0 (train) and i % 4 == 0 (test), as in the fixture script.</summary>
    public static (int[] Train, int[] Test) Split(int n) =>
        (Enumerable.Range(0, n).Where(i => i % 4 != 0).ToArray(), Enumerable.Range(0, n).Where(i => i % 4 == 0).ToArray());

    public static Tensor<double> Rows(Tensor<double> x, int[] rows) =>
        x.IndexSelect(0, Tensor.FromArray(Array.ConvertAll(rows, i => (long)i), rows.Length)).Contiguous();

    public static int[] Rows(int[] y, int[] rows) => Array.ConvertAll(rows, i => y[i]);

    public static Tensor<double> Matrix(JsonElement e)
    {
        int rows = e.GetArrayLength(), cols = e[0].GetArrayLength();
        return Tensor.FromArray(e.EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()).ToArray(), rows, cols);
    }

    public static Tensor<double> Vector(JsonElement e)
    {
        var a = e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return Tensor.FromArray(a, a.Length);
    }

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>Three well-separated Gaussian blobs (n, d) with labels 0…2, for property tests.</summary>
    public static (Tensor<double> X, int[] Y) Blobs(int n, int d, ulong seed)
    {
        var x = Tensor.Normal<double>(0, 1, new Rng.Generator(seed), n, d).ToArray();
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 3;
            x[i * d] += 3 * y[i];
            if (d > 1) x[i * d + 1] -= 2 * y[i];
        }
        return (Tensor.FromArray(x, n, d), y);
    }

    /// <summary>A smooth regression target of the first columns plus noise.</summary>
    public static (Tensor<double> X, Tensor<double> Y) Regression(int n, int d, ulong seed)
    {
        var x = Tensor.Uniform<double>(-2, 2, new Rng.Generator(seed), n, d).ToArray();
        var noise = Tensor.Normal<double>(0, 0.1, new Rng.Generator(seed + 1), n).ToArray();
        var y = new double[n];
        for (int i = 0; i < n; i++) y[i] = 2 * x[i * d] + Math.Sin(2 * x[i * d + Math.Min(1, d - 1)]) + noise[i];
        return (Tensor.FromArray(x, n, d), Tensor.FromArray(y, n));
    }
}
