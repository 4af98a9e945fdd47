using System.Text.Json;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Neighbors;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Neighbors;

/// <summary>The scikit-learn 1.2 fixtures of tests/reference/sklearn_neighbors2.py (trees, algorithms, radius estimators).</summary>
internal static class Neighbors2Fixture
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "neighbors2", "neighbors2.json"))).RootElement;

    /// <summary>k + 1 neighbours are stored so the tie test at the k-th position can look one further.</summary>
    public const int Stored = 6;

    private static readonly Dictionary<string, (Tensor<double> X, Tensor<double> Q)> Sets = new();

    public static IEnumerable<string> CaseNames => Root.GetProperty("cases").EnumerateObject().Select(p => p.Name);

    /// <summary>Every (case, algorithm) pair scikit-learn supports (cosine: brute force only).</summary>
    public static IEnumerable<object[]> CasesAndAlgorithms() =>
        from name in CaseNames
        from a in new[] { NeighborAlgorithm.Brute, NeighborAlgorithm.KDTree, NeighborAlgorithm.BallTree, NeighborAlgorithm.Auto }
        where !name.EndsWith("cosine", StringComparison.Ordinal) || a is NeighborAlgorithm.Brute or NeighborAlgorithm.Auto
        select new object[] { name, a };

    public static JsonElement Case(string name) => Root.GetProperty("cases").GetProperty(name);

    public static (NeighborMetric Metric, double P) Metric(string name) => NeighborsFixture.Metric(name.Split('_')[1] + "_x");

    /// <summary>The training rows and queries of "iris", "digits" or "synthetic" (the same split as the script).</summary>
    public static (Tensor<double> X, Tensor<double> Q) Data(string name)
    {
        string set = name.Split('_')[0];
        lock (Sets)
        {
            if (Sets.TryGetValue(set, out var cached)) return cached;
            (Tensor<double>, Tensor<double>) result = set switch
            {
                "iris" => Split(SmallDatasets.LoadIris().Data, Enumerable.Range(0, 150).Where(i => i % 5 != 0), Enumerable.Range(0, 150).Where(i => i % 5 == 0)),
                "digits" => Split(SmallDatasets.LoadDigits().Data, Enumerable.Range(0, 500), Enumerable.Range(1700, 20)),
                _ => (NeighborsFixture.Matrix(Root.GetProperty("synthetic").GetProperty("x")), NeighborsFixture.Matrix(Root.GetProperty("synthetic").GetProperty("q"))),
            };
            Sets[set] = result;
            return result;
        }
    }

    private static (Tensor<double>, Tensor<double>) Split(Tensor<double> all, IEnumerable<int> train, IEnumerable<int> query) =>
        (all.IndexSelect(0, Tensor.FromArray(train.Select(i => (long)i).ToArray(), train.Count())),
         all.IndexSelect(0, Tensor.FromArray(query.Select(i => (long)i).ToArray(), query.Count())));

    /// <summary>A matrix whose entries may be null (NaN).</summary>
    public static double[] NullableDoubles(JsonElement e) =>
        e.EnumerateArray().SelectMany(v => v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : new[] { v }.AsEnumerable())
            .Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();

    /// <summary>
    /// Checks k-neighbour results against the fixture: every distance (to 1e-10); every index where its distance is
    /// separated by more than 1e-9 from the previous and the next stored one (tie order is unspecified in
    /// scikit-learn); and, everywhere, that the returned index really lies at the returned distance.
    /// </summary>
    public static void AssertKNeighbors(string name, Tensor<double> x, Tensor<double> q, Tensor<double> dist, Tensor<int> ind, int k)
    {
        var c = Case(name);
        var (metric, p) = Metric(name);
        var ed = NeighborsFixture.Matrix(c.GetProperty("dist")).ToArray();
        var ei = c.GetProperty("ind").EnumerateArray().SelectMany(NeighborsFixture.Ints).ToArray();
        var ad = dist.ToArray();
        var ai = ind.ToArray();
        int m = q.Shape[0], compared = 0;
        var truth = PairwiseDistances.Reference(q, x, metric, p);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < k; j++)
            {
                double e = ed[i * Stored + j];
                Assert.True(Math.Abs(e - ad[i * k + j]) <= 1e-10 * (1 + Math.Abs(e)), $"{name} query {i} rank {j}: distance {ad[i * k + j]} vs scikit-learn {e}");
                Assert.True(Math.Abs(truth[i * x.Shape[0] + ai[i * k + j]] - ad[i * k + j]) <= 1e-10 * (1 + Math.Abs(e)), $"{name} query {i} rank {j}: index {ai[i * k + j]} is not at the returned distance");
                bool distinct = (j == 0 || e - ed[i * Stored + j - 1] > 1e-9) && ed[i * Stored + j + 1] - e > 1e-9;
                if (!distinct) continue;
                Assert.Equal(ei[i * Stored + j], ai[i * k + j]);
                compared++;
            }
        Assert.True(compared > 0, "no distinct position compared");
    }

    /// <summary>Checks radius results against the fixture: the same index sets, and sorted distances to 1e-10.</summary>
    public static void AssertRadius<T>(string name, T[][] dist, int[][] ind) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var c = Case(name);
        var eind = c.GetProperty("radius_ind").EnumerateArray().ToArray();
        var edist = c.GetProperty("radius_dist").EnumerateArray().ToArray();
        Assert.Equal(eind.Length, ind.Length);
        Assert.Contains(ind, r => r.Length > 1);
        for (int i = 0; i < ind.Length; i++)
        {
            Assert.Equal(NeighborsFixture.Ints(eind[i]).Order().ToArray(), ind[i].Order().ToArray());
            var ed = edist[i].EnumerateArray().Select(v => v.GetDouble()).ToArray();
            for (int j = 0; j < ed.Length; j++) Assert.Equal(ed[j], double.CreateTruncating(dist[i][j]), 1e-10);
            for (int j = 1; j < ind[i].Length; j++)
                Assert.True(dist[i][j - 1] < dist[i][j] || (dist[i][j - 1] == dist[i][j] && ind[i][j - 1] < ind[i][j]), "not sorted by (distance, index)");
        }
    }
}
