using System.Text.Json;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Datasets;

/// <summary>The shipped datasets against scikit-learn 1.2.1 (fixture from tests/reference/export_datasets.py).</summary>
public class SmallDatasetsTests
{
    // Means and standard deviations of ≤ 1,797 doubles that parse to exactly sklearn's values: only the summation
    // order differs (NumPy sums pairwise), which moves the result by a few ulps of the sum.
    private static readonly Tolerance MeanTolerance = new("ColumnMean", 1e-12, 1e-12);

    private static readonly JsonElement Fixture = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "datasets", "datasets.json"))).RootElement;

    public static TheoryData<string> Names => ["iris", "wine", "breast_cancer", "diabetes", "digits"];

    private static Dataset Load(string name) => name switch
    {
        "iris" => SmallDatasets.LoadIris(),
        "wine" => SmallDatasets.LoadWine(),
        "breast_cancer" => SmallDatasets.LoadBreastCancer(),
        "diabetes" => SmallDatasets.LoadDiabetes(),
        "digits" => SmallDatasets.LoadDigits(),
        _ => throw new ArgumentException(name),
    };

    private static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesScikitLearn(string name)
    {
        var ds = Load(name);
        var f = Fixture.GetProperty(name);
        int[] shape = [.. f.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32())];
        Assert.Equal(shape, ds.Data.Shape.ToArray());
        Assert.Equal([shape[0]], ds.Target.Shape.ToArray());
        Assert.Equal(f.GetProperty("feature_names").EnumerateArray().Select(v => v.GetString()!), ds.FeatureNames);
        Assert.False(string.IsNullOrWhiteSpace(ds.Description));

        int n = shape[0], d = shape[1];
        double[] x = ds.Data.ToArray();
        double[] means = Doubles(f.GetProperty("column_means")), stds = Doubles(f.GetProperty("column_stds"));
        for (int j = 0; j < d; j++)
        {
            double m = 0;
            for (int i = 0; i < n; i++) m += x[i * d + j];
            m /= n;
            double v = 0;
            for (int i = 0; i < n; i++) v += (x[i * d + j] - m) * (x[i * d + j] - m);
            Assert.True(MeanTolerance.IsClose(m, means[j]), $"{name} column {j} mean {m} vs sklearn {means[j]}");
            Assert.True(MeanTolerance.IsClose(Math.Sqrt(v / n), stds[j]), $"{name} column {j} std vs sklearn {stds[j]}");
        }
        // The first row parses to exactly sklearn's doubles (repr round trip).
        Assert.Equal(Doubles(f.GetProperty("first_row")), x[..d]);
        Assert.Equal(f.GetProperty("first_target").GetDouble(), ds.Target[0]);
        Assert.True(MeanTolerance.IsClose(ds.Target.ToArray().Average(), f.GetProperty("target_mean").GetDouble()));

        if (f.TryGetProperty("class_counts", out var counts))
        {
            Assert.True(ds.IsClassification);
            Assert.Equal(f.GetProperty("target_names").EnumerateArray().Select(v => v.GetString()!), ds.TargetNames);
            int[] expected = [.. counts.EnumerateArray().Select(v => v.GetInt32())];
            var actual = new int[expected.Length];
            foreach (int label in ds.Labels!) actual[label]++;
            Assert.Equal(expected, actual);
            Assert.Equal(ds.Labels, ds.LabelTensor().ToArray());
        }
        else
        {
            Assert.False(ds.IsClassification);
            Assert.Empty(ds.TargetNames);
            Assert.Throws<InvalidOperationException>(() => ds.LabelTensor());
        }
    }

    [Fact]
    public void KnownFacts()
    {
        var iris = SmallDatasets.LoadIris();
        Assert.Equal([5.1, 3.5, 1.4, 0.2], iris.Data.ToArray()[..4]);
        Assert.Equal([50, 50, 50], iris.Labels!.GroupBy(l => l).Select(g => g.Count()));
        var diabetes = SmallDatasets.LoadDiabetes();
        double[] x = diabetes.Data.ToArray();
        // sklearn's scaled features: each column is centred with unit sum of squares.
        for (int j = 0; j < 10; j++)
        {
            double ss = 0;
            for (int i = 0; i < 442; i++) ss += x[i * 10 + j] * x[i * 10 + j];
            Assert.Equal(1.0, ss, 1e-12);
        }
        Assert.Equal(25.0, diabetes.Target.ToArray().Min());
        Assert.Equal(346.0, diabetes.Target.ToArray().Max());
        // Each call returns fresh tensors.
        Assert.NotSame(SmallDatasets.LoadIris().Data, iris.Data);
    }
}
