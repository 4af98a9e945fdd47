using Scratch.ML.Learn.Neighbors;
using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.Learn.Neighbors;

/// <summary>
/// The brute GEMM scan over several query and training blocks (<see cref="BruteSearch.GemmQueryBlock"/>,
/// <see cref="BruteSearch.GemmTrainBlock"/>), with partial last blocks and ties that straddle block boundaries.
/// </summary>
public class BruteBlockTests
{
    private static (Tensor<double> X, Tensor<double> Q) Data()
    {
        // 2·650 training rows (row i and row i + 650 identical, so ties straddle the 512-row training blocks) and
        // 1100 queries (3 query blocks, the last partial), every 7th query a copy of a training row (distance 0 ties).
        int half = 650, d = 20, m = BruteSearch.GemmQueryBlock * 2 + 76;
        var gen = new Generator(11);
        var b = Tensor.Normal<double>(0, 1, gen, half, d).ToArray();
        var x = Tensor.FromArray([.. b, .. b], 2 * half, d);
        var q = Tensor.Normal<double>(0.1, 1.2, gen, m, d).ToArray();
        for (int i = 0; i < m; i += 7) Array.Copy(b, (i * 13 % half) * d, q, i * d, d);
        return (x, Tensor.FromArray(q, m, d));
    }

    [Fact]
    public void ManyBlocksAgreeExactlyWithTheTreesAndBreakTiesByIndex()
    {
        var (x, q) = Data();
        const int k = 7;
        var (bd, bi) = new NearestNeighbors(k, NeighborMetric.Euclidean, 2, NeighborAlgorithm.Brute).Fit(x).KNeighbors(q);
        var (td, ti) = new NearestNeighbors(k, NeighborMetric.Euclidean, 2, NeighborAlgorithm.KDTree, 16).Fit(x).KNeighbors(q);
        Assert.Equal(ti.ToArray(), bi.ToArray());
        Assert.Equal(td.ToArray(), bd.ToArray());
        var ind = bi.ToArray();
        var dist = bd.ToArray();
        for (int i = 0; i < q.Shape[0]; i++)
            for (int j = 1; j < k; j++)
            {
                int a = i * k + j - 1, c = i * k + j;
                Assert.True(dist[a] < dist[c] || (dist[a] == dist[c] && ind[a] < ind[c]), $"query {i}: not in (distance, index) order");
            }
        // A query equal to training row r has both r and r + 650 at distance 0, lower index first.
        Assert.Equal(0.0, dist[0]);
        Assert.Equal(new[] { 0, 650 }, ind[..2]);
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        var (x, q) = Data();
        foreach (var metric in new[] { NeighborMetric.Euclidean, NeighborMetric.Cosine })
        {
            var model = new NearestNeighbors(5, metric, 2, NeighborAlgorithm.Brute).Fit(x);
            var (d1, i1) = model.KNeighbors(q);
            int saved = Parallelism.MaxThreads;
            try
            {
                Parallelism.MaxThreads = 1;
                var (d2, i2) = model.KNeighbors(q);
                Assert.Equal(i1.ToArray(), i2.ToArray());
                Assert.Equal(d1.ToArray(), d2.ToArray());
            }
            finally { Parallelism.MaxThreads = saved; }
        }
    }
}
