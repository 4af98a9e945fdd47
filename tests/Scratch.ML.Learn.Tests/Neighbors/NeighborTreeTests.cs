using Scratch.ML.Learn.Neighbors;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.Learn.Neighbors.Neighbors2Fixture;

namespace Scratch.ML.Tests.Learn.Neighbors;

public class NeighborTreeTests
{
    public static IEnumerable<object[]> Cases() => CasesAndAlgorithms();

    [Theory]
    [MemberData(nameof(Cases))]
    public void KNeighborsMatchScikitLearnForEveryAlgorithm(string name, NeighborAlgorithm algorithm)
    {
        var (metric, p) = Metric(name);
        var (x, q) = Data(name);
        var model = new NearestNeighbors(5, metric, p, algorithm).Fit(x);
        var (dist, ind) = model.KNeighbors(q);
        AssertKNeighbors(name, x, q, dist, ind, 5);
        var (rd, ri) = model.RadiusNeighbors(q, Case(name).GetProperty("radius").GetDouble());
        AssertRadius(name, rd, ri);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TreeClassesMatchScikitLearn(string name, NeighborAlgorithm algorithm)
    {
        if (algorithm is not (NeighborAlgorithm.KDTree or NeighborAlgorithm.BallTree)) return;
        var (metric, p) = Metric(name);
        var (x, q) = Data(name);
        NeighborTree tree = algorithm == NeighborAlgorithm.KDTree ? new KDTree(x, metric, p) : new BallTree(x, metric, p, leafSize: 7);
        var (dist, ind) = tree.Query(q, 5);
        AssertKNeighbors(name, x, q, dist, ind, 5);
        var (rd, ri) = tree.QueryRadius(q, Case(name).GetProperty("radius").GetDouble());
        AssertRadius(name, rd, ri);
        var (ud, ui) = tree.QueryRadius(q, Case(name).GetProperty("radius").GetDouble(), sortResults: false);
        for (int i = 0; i < ri.Length; i++) Assert.Equal(ri[i].Order(), ui[i].Order());
        Assert.Equal(ud.Sum(r => r.Length), rd.Sum(r => r.Length));
    }

    public static IEnumerable<object[]> PropertyCases() =>
        from metric in new[] { (NeighborMetric.Euclidean, 2.0), (NeighborMetric.Manhattan, 2.0), (NeighborMetric.Chebyshev, 2.0), (NeighborMetric.Minkowski, 3.0), (NeighborMetric.Minkowski, 1.5) }
        from shape in new[] { (1, 1), (7, 2), (60, 1), (300, 3), (500, 8), (257, 20) }
        select new object[] { metric.Item1, metric.Item2, shape.Item1, shape.Item2 };

    [Theory]
    [MemberData(nameof(PropertyCases))]
    public void AllAlgorithmsReturnIdenticalNeighbours(NeighborMetric metric, double p, int n, int d)
    {
        // Continuous random data: distances are distinct, so the answer is unique and every algorithm must find it,
        // bit for bit (all compute the chosen distances with the same exact formula).
        var gen = new Generator((ulong)(n * 31 + d));
        var x = Tensor.Normal<double>(0, 1, gen, n, d) * Tensor.FromArray(Enumerable.Range(0, d).Select(j => 1.0 + j % 3).ToArray(), d);
        var q = Tensor.Normal<double>(0.2, 1.3, gen, 37, d);
        int k = Math.Min(n, 6);
        var brute = new NearestNeighbors(k, metric, p, NeighborAlgorithm.Brute).Fit(x);
        var (bd, bi) = brute.KNeighbors(q);
        var slow = PairwiseDistances.Reference(q, x, metric, p);
        double r = slow.Order().ElementAt(slow.Length / 10);
        var (rbd, rbi) = brute.RadiusNeighbors(q, r);
        for (int i = 0; i < 37; i++)
        {
            var expected = Enumerable.Range(0, n).OrderBy(j => slow[i * n + j]).Take(k).ToArray();
            Assert.Equal(expected, bi.ToArray().Skip(i * k).Take(k).ToArray());
            Assert.Equal(Enumerable.Range(0, n).Where(j => slow[i * n + j] <= r).ToArray(), rbi[i].Order().ToArray());
        }
        foreach (int leaf in new[] { 1, 3, 40 })
            foreach (var algorithm in new[] { NeighborAlgorithm.KDTree, NeighborAlgorithm.BallTree })
            {
                var m = new NearestNeighbors(k, metric, p, algorithm, leaf).Fit(x);
                var (td, ti) = m.KNeighbors(q);
                Assert.Equal(bi.ToArray(), ti.ToArray());
                Assert.Equal(bd.ToArray(), td.ToArray());
                var (rtd, rti) = m.RadiusNeighbors(q, r);
                for (int i = 0; i < 37; i++) { Assert.Equal(rbi[i], rti[i]); Assert.Equal(rbd[i], rtd[i]); }
            }
    }

    [Fact]
    public void DuplicateRowsAndTiesGoToTheLowerIndexInEveryAlgorithm()
    {
        // Integer grid with every row repeated: massive ties; all algorithms order them by (distance, index).
        var grid = new List<double>();
        for (int rep = 0; rep < 3; rep++)
            for (int a = 0; a < 6; a++)
                for (int b = 0; b < 6; b++) { grid.Add(a); grid.Add(b); }
        var x = Tensor.FromArray(grid.ToArray(), 108, 2);
        var q = Tensor.FromArray(new[] { 2.0, 2, 0.5, 0.5, 5, 5, 2.5, 3 }, 4, 2);
        foreach (var metric in new[] { NeighborMetric.Euclidean, NeighborMetric.Manhattan, NeighborMetric.Chebyshev })
        {
            var (bd, bi) = new NearestNeighbors(13, metric, 2, NeighborAlgorithm.Brute).Fit(x).KNeighbors(q);
            Assert.Equal(new[] { 14, 50, 86 }, bi.ToArray().Take(3).ToArray());
            foreach (var algorithm in new[] { NeighborAlgorithm.KDTree, NeighborAlgorithm.BallTree })
                foreach (int leaf in new[] { 1, 2, 5, 30 })
                {
                    var (td, ti) = new NearestNeighbors(13, metric, 2, algorithm, leaf).Fit(x).KNeighbors(q);
                    Assert.Equal(bi.ToArray(), ti.ToArray());
                    Assert.Equal(bd.ToArray(), td.ToArray());
                }
        }
    }

    [Fact]
    public void GemmBrutePathRecomputesDistancesExactly()
    {
        // Far from the origin the GEMM form ‖x‖² − 2x·y + ‖y‖² loses ~8 digits; the returned distances are recomputed
        // from the differences, so they equal the direct formula and the trees' answers exactly.
        var gen = new Generator(5);
        var x = Tensor.Normal<double>(1e4, 1, gen, 400, 20);
        var q = Tensor.Normal<double>(1e4, 1, gen, 30, 20);
        var (bd, bi) = new NearestNeighbors(4, Algorithm: NeighborAlgorithm.Brute).Fit(x).KNeighbors(q);
        var (td, ti) = new NearestNeighbors(4, Algorithm: NeighborAlgorithm.BallTree).Fit(x).KNeighbors(q);
        Assert.Equal(ti.ToArray(), bi.ToArray());
        Assert.Equal(td.ToArray(), bd.ToArray());
        var self = new NearestNeighbors(1, Algorithm: NeighborAlgorithm.Brute).Fit(x).KNeighbors(x);
        Assert.All(self.Distances.ToArray(), v => Assert.Equal(0.0, v));
        Assert.Equal(Enumerable.Range(0, 400).ToArray(), self.Indices.ToArray());
    }

    [Theory]
    [InlineData(16, 5, 100, NeighborMetric.Euclidean, NeighborAlgorithm.Brute)]   // d > 15
    [InlineData(15, 5, 100, NeighborMetric.Euclidean, NeighborAlgorithm.KDTree)]
    [InlineData(3, 50, 100, NeighborMetric.Manhattan, NeighborAlgorithm.Brute)]   // k ≥ n / 2
    [InlineData(3, 49, 100, NeighborMetric.Chebyshev, NeighborAlgorithm.KDTree)]
    [InlineData(3, 5, 100, NeighborMetric.Cosine, NeighborAlgorithm.Brute)]
    [InlineData(3, 5, 100, NeighborMetric.Minkowski, NeighborAlgorithm.KDTree)]
    public void AutoChoosesLikeScikitLearn(int d, int k, int n, NeighborMetric metric, NeighborAlgorithm expected)
    {
        var x = Tensor.Normal<double>(0, 1, new Generator(1), n, d);
        Assert.Equal(expected, new NearestNeighbors(k, metric, 3).Fit(x).EffectiveAlgorithm);
        Assert.Equal(expected, new KNeighborsClassifier(k, Metric: metric, P: 3).Fit(x, Enumerable.Range(0, n).Select(i => i % 2).ToArray()).Index.EffectiveAlgorithm);
        // The radius estimators have no k: only the metric and d decide.
        var radius = new RadiusNeighborsRegressor(1, Metric: metric, P: 3).Fit(x, Tensor.Zeros<double>(n)).Index.EffectiveAlgorithm;
        Assert.Equal(d > 15 || metric == NeighborMetric.Cosine ? NeighborAlgorithm.Brute : NeighborAlgorithm.KDTree, radius);
    }

    [Fact]
    public void TreeStructureFollowsScikitLearnSizes()
    {
        var x = Tensor.Normal<double>(0, 1, new Generator(2), 1000, 3);
        var kd = new KDTree(x);
        Assert.Equal(5, kd.LevelCount); // 1 + ⌊log₂(999 / 40)⌋
        Assert.Equal(31, kd.NodeCount);
        Assert.Equal(40, kd.LeafSize);
        Assert.Equal((1000, 3), (kd.SampleCount, kd.FeatureCount));
        var one = new BallTree(Tensor.FromArray(new[] { 1.0, 2.0 }, 1, 2));
        Assert.Equal(1, one.NodeCount);
        var (d, i) = one.Query(Tensor.FromArray(new[] { 4.0, 6.0 }, 1, 2), 1);
        Assert.Equal(5.0, d.ToArray()[0]);
        Assert.Equal(0, i.ToArray()[0]);
        var f = new KDTree(x.Cast<float>(), NeighborMetric.Manhattan);
        var (fd, fi) = f.Query(x.Cast<float>().Narrow(0, 0, 3), 2);
        Assert.Equal(new[] { 0, 1, 2 }, fi.ToArray().Where((_, j) => j % 2 == 0).ToArray());
        Assert.All(fd.ToArray().Where((_, j) => j % 2 == 0), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        var x = Tensor.Normal<double>(0, 1, new Generator(3), 20, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => new KDTree(x, NeighborMetric.Cosine));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BallTree(x, NeighborMetric.Cosine));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KDTree(x, leafSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BallTree(x, NeighborMetric.Minkowski, 0.5));
        Assert.Throws<ArgumentException>(() => new KDTree(Tensor.FromArray(new[] { double.NaN }, 1, 1)));
        var t = new KDTree(x);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Query(x, 21));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Query(x, 0));
        Assert.Throws<ArgumentException>(() => t.Query(Tensor.Zeros<double>(2, 4), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.QueryRadius(x, double.NaN));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new NearestNeighbors(3, NeighborMetric.Cosine, 2, NeighborAlgorithm.KDTree));
        Assert.Contains("cosine", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new KNeighborsClassifier(3, Metric: NeighborMetric.Cosine, Algorithm: NeighborAlgorithm.BallTree));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RadiusNeighborsClassifier(1, LeafSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KNeighborsRegressor(3, Algorithm: (NeighborAlgorithm)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => (new NearestNeighbors() with { Algorithm = NeighborAlgorithm.KDTree, Metric = NeighborMetric.Cosine }).Fit(x));
    }

    [Theory]
    [InlineData(NeighborAlgorithm.Brute)]
    [InlineData(NeighborAlgorithm.KDTree)]
    [InlineData(NeighborAlgorithm.BallTree)]
    public void ModelsWithTreesSaveAndLoadExactly(NeighborAlgorithm algorithm)
    {
        var x = Tensor.Normal<double>(0, 1, new Generator(4), 200, 3);
        var q = Tensor.Normal<double>(0, 1, new Generator(5), 20, 3);
        var m = new NearestNeighbors(4, NeighborMetric.Minkowski, 3, algorithm, 9).Fit(x);
        using var s = new MemoryStream();
        m.Save(s);
        s.Position = 0;
        var back = NearestNeighborsModel<double>.Load(s);
        Assert.Equal(m.Options, back.Options);
        Assert.Equal(m.EffectiveAlgorithm, back.EffectiveAlgorithm);
        Assert.Equal(m.KNeighbors(q).Indices.ToArray(), back.KNeighbors(q).Indices.ToArray());
        Assert.Equal(m.KNeighbors(q).Distances.ToArray(), back.KNeighbors(q).Distances.ToArray());
        Assert.Equal(m.RadiusNeighbors(q, 0.7).Indices, back.RadiusNeighbors(q, 0.7).Indices);
    }
}
