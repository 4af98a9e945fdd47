using System.Text.Json;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Ensemble;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>Fixture access and the datasets of tests/reference/sklearn_histgb.py.</summary>
internal static class HistGbData
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "histgb", "histgb.json"))).RootElement;

    /// <summary>The exact dyadic uniform of the fixture script (same integer hash).</summary>
    public static double U01(int i, int j, int salt) =>
        (((ulong)i * 2654435761UL + (ulong)j * 97531UL + (ulong)salt * 7919UL + 12345UL) % 4294967296UL) / 4294967296.0;

    /// <summary>The script's generated data: x (600, 4) with NaN, ties and a categorical column; regression and 0/1 targets.</summary>
    public static (Tensor<double> X, Tensor<double> Y, int[] YClass) Generated(int n = 600)
    {
        double[] effect = [0.0, 2.5, -1.0, 4.0, 0.5, -3.0, 1.5, -0.5];
        var x = new double[n * 4];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double x0 = U01(i, 0, 1) * 10 - 5, x1 = U01(i, 1, 2) * 10 - 5, x2 = Math.Floor(U01(i, 2, 3) * 20);
            int c = (int)(U01(i, 3, 4) * 8);
            double noise = U01(i, 4, 5) - 0.5;
            y[i] = ((i * 31) % 13 == 0 ? 0.0 : x0 * 2) + (x1 > 0 ? 3.0 : -1.0) + effect[c] + x2 * 0.25 + noise;
            x[i * 4] = (i * 31) % 13 == 0 ? double.NaN : x0;
            x[i * 4 + 1] = x1;
            x[i * 4 + 2] = x2;
            x[i * 4 + 3] = (i * 17) % 23 == 0 ? double.NaN : c;
        }
        double median = HistStats.Median(y);
        return (Tensor.FromArray(x, n, 4), Tensor.FromArray(y, n), Array.ConvertAll(y, v => v > median ? 1 : 0));
    }

    /// <summary>Diabetes with NaN where (7i + 3j) mod 11 = 0, as in the script.</summary>
    public static Tensor<double> DiabetesWithNaN()
    {
        var x = SmallDatasets.LoadDiabetes().Data;
        int n = x.Shape[0], d = x.Shape[1];
        var a = x.ToArray();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
                if ((i * 7 + j * 3) % 11 == 0) a[i * d + j] = double.NaN;
        return Tensor.FromArray(a, n, d);
    }

    /// <summary>w_i = 1 + (i mod 3)/2.</summary>
    public static Tensor<double> Weights(int n) => Tensor.FromArray(Enumerable.Range(0, n).Select(i => 1 + (i % 3) / 2.0).ToArray(), n);

    /// <summary>Features (and regression target or labels) of a named fixture dataset.</summary>
    public static (Tensor<double> X, Tensor<double>? Y, int[]? Labels) Load(string name) => name switch
    {
        "diabetes" => (SmallDatasets.LoadDiabetes().Data, SmallDatasets.LoadDiabetes().Target, null),
        "diabetes_nan" => (DiabetesWithNaN(), SmallDatasets.LoadDiabetes().Target, null),
        "breast_cancer" => (SmallDatasets.LoadBreastCancer().Data, null, SmallDatasets.LoadBreastCancer().Labels),
        "iris" => (SmallDatasets.LoadIris().Data, null, SmallDatasets.LoadIris().Labels),
        "wine" => (SmallDatasets.LoadWine().Data, null, SmallDatasets.LoadWine().Labels),
        "gen" => (Generated().X, Generated().Y, Generated().YClass),
        _ => throw new ArgumentException(name),
    };

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    /// <summary>Column-major float64 copy of x (d × n).</summary>
    public static double[] Columns(Tensor<double> x)
    {
        int n = x.Shape[0], d = x.Shape[1];
        var a = x.ToArray();
        var c = new double[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++) c[j * n + i] = a[i * d + j];
        return c;
    }
}
