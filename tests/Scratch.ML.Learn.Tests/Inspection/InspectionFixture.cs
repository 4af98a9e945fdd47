using System.Text.Json;
using Scratch.ML.Learn.Datasets;

namespace Scratch.ML.Tests.Learn.Inspection;

/// <summary>The scikit-learn 1.2 fixtures of tests/reference/sklearn_inspection.py and the data they were made from.</summary>
internal static class InspectionFixture
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "inspection", "inspection.json"))).RootElement;

    public static JsonElement Permutation(string name) => Root.GetProperty("permutation").GetProperty(name);

    public static JsonElement Pdp(string name) => Root.GetProperty("pdp").GetProperty(name);

    public static IEnumerable<object[]> PermutationCases() => Root.GetProperty("permutation").EnumerateObject().Select(p => new object[] { p.Name });

    public static readonly Dataset Diabetes = SmallDatasets.LoadDiabetes();
    public static readonly Dataset Iris = SmallDatasets.LoadIris();
    private static readonly Dataset Cancer = SmallDatasets.LoadBreastCancer();

    /// <summary>sklearn's xb = breast_cancer.data[:200, :4] and its labels.</summary>
    public static (Tensor<double> X, int[] Y) CancerSubset()
    {
        var x = Rows(Cancer.Data, Enumerable.Range(0, 200).ToArray());
        var full = x.ToArray();
        int d = Cancer.FeatureCount;
        var sub = new double[200 * 4];
        for (int i = 0; i < 200; i++)
            for (int j = 0; j < 4; j++) sub[i * 4 + j] = full[i * d + j];
        return (Tensor.FromArray(sub, 200, 4), Cancer.Labels![..200]);
    }

    /// <summary>The rows <paramref name="rows"/> of x (n, d).</summary>
    public static Tensor<double> Rows(Tensor<double> x, int[] rows)
    {
        int d = x.Shape[1];
        var src = x.Contiguous().ToArray();
        var r = new double[rows.Length * d];
        for (int i = 0; i < rows.Length; i++) Array.Copy(src, rows[i] * d, r, i * d, d);
        return Tensor.FromArray(r, rows.Length, d);
    }

    /// <summary>Rows start, start + step, … below n (NumPy's x[start::step]).</summary>
    public static int[] Range(int n, int step = 1, int count = int.MaxValue) =>
        Enumerable.Range(0, n).Where(i => i % step == 0).Take(count).ToArray();

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    public static double[,] Matrix(JsonElement e)
    {
        int r = e.GetArrayLength(), c = e[0].GetArrayLength();
        var m = new double[r, c];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++) m[i, j] = e[i][j].GetDouble();
        return m;
    }
}
