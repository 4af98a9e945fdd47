using Scratch.ML.Learn.Neighbors;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.Learn.Neighbors.NeighborsFixture;

namespace Scratch.ML.Tests.Learn.Neighbors;

public class NearestNeighborsTests
{
    [Theory]
    [MemberData(nameof(Cases), MemberType = typeof(NeighborsFixture))]
    public void KNeighborsMatchesScikitLearn(string name)
    {
        var (metric, p) = Metric(name);
        var c = Case(name);
        var (dist, ind) = new NearestNeighbors(K, metric, p).Fit(X).KNeighbors(Queries(name));
        TensorAssert.Close(Matrix(c.GetProperty("dist")), dist, VsSklearn);
        Assert.Equal(c.GetProperty("ind").EnumerateArray().SelectMany(Ints).ToArray(), ind.ToArray());
    }

    [Theory]
    [MemberData(nameof(Cases), MemberType = typeof(NeighborsFixture))]
    public void RadiusNeighborsMatchesScikitLearn(string name)
    {
        var (metric, p) = Metric(name);
        var c = Case(name);
        var (dist, ind) = new NearestNeighbors(K, metric, p).Fit(X).RadiusNeighbors(Queries(name), c.GetProperty("radius").GetDouble());
        var expectedInd = c.GetProperty("radius_ind").EnumerateArray().ToArray();
        var expectedDist = c.GetProperty("radius_dist").EnumerateArray().ToArray();
        Assert.Equal(expectedInd.Length, ind.Length);
        Assert.Contains(ind, r => r.Length == 0 || r.Length > 1);
        for (int i = 0; i < ind.Length; i++)
        {
            Assert.Equal(Ints(expectedInd[i]), ind[i]);
            for (int j = 0; j < ind[i].Length; j++) Assert.Equal(expectedDist[i][j].GetDouble(), dist[i][j], 1e-10);
        }
    }

    [Theory]
    [InlineData(NeighborMetric.Euclidean, 2)]
    [InlineData(NeighborMetric.Manhattan, 2)]
    [InlineData(NeighborMetric.Chebyshev, 2)]
    [InlineData(NeighborMetric.Minkowski, 1.5)]
    [InlineData(NeighborMetric.Minkowski, 2)]
    [InlineData(NeighborMetric.Cosine, 2)]
    public void FastDistancesEqualTheReferenceTwin(NeighborMetric metric, double p)
    {
        var a = Tensor.Normal<double>(0, 3, new Scratch.ML.Rng.Generator(11), 23, 7);
        var b = Tensor.Normal<double>(1, 2, new Scratch.ML.Rng.Generator(12), 31, 7);
        var fast = PairwiseDistances.Compute(a, b, metric, p);
        var slow = PairwiseDistances.Reference(a, b, metric, p);
        // The GEMM form cancels ‖a‖² + ‖b‖² (~100 here) down to d² (~10–100): ~1e-14 absolute error on d², ~1e-13 on d near 0.
        var gemm = new Tolerance("GemmVsDirect", 1e-12, 1e-12);
        TensorAssert.Close(Tensor.FromArray(slow, 23, 31), Tensor.FromArray(fast, 23, 31), gemm);
    }

    [Fact]
    public void SelfDistanceIsClampedAndNeverNaN()
    {
        // Large offsets make ‖a‖² − 2a·a + ‖a‖² round to small negatives; the clamp keeps the root real.
        var a = Tensor.Normal<double>(1e4, 1, new Scratch.ML.Rng.Generator(3), 50, 5);
        var d = PairwiseDistances.Compute(a, a, NeighborMetric.Euclidean);
        for (int i = 0; i < 50; i++)
        {
            Assert.True(d[i * 50 + i] >= 0 && d[i * 50 + i] < 1e-3, $"self-distance {d[i * 50 + i]}");
            Assert.All(d, v => Assert.False(double.IsNaN(v)));
        }
    }

    [Fact]
    public void TiesGoToTheLowerTrainingIndex()
    {
        // Rows 1, 3 and 4 are all at distance 1 from the origin; row 2 duplicates row 0.
        var x = Tensor.FromArray(new double[] { 5, 5, 1, 0, 5, 5, 0, 1, -1, 0 }, 5, 2);
        var (dist, ind) = new NearestNeighbors(4).Fit(x).KNeighbors(Tensor.FromArray(new double[] { 0, 0, 5, 5 }, 2, 2));
        Assert.Equal(new[] { 1, 3, 4, 0, 0, 2, 1, 3 }, ind.ToArray());
        TensorAssert.Close(Tensor.FromArray(new[] { 1.0, 1, 1, Math.Sqrt(50), 0, 0, Math.Sqrt(41), Math.Sqrt(41) }, 2, 4), dist, VsSklearn);
        var (_, rind) = new NearestNeighbors(4, NeighborMetric.Manhattan).Fit(x).RadiusNeighbors(Tensor.FromArray(new double[] { 0, 0 }, 1, 2), 1);
        Assert.Equal(new[] { 1, 3, 4 }, rind[0]);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NearestNeighbors(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NearestNeighbors(3, NeighborMetric.Minkowski, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NearestNeighbors(3, (NeighborMetric)42));
        var m = new NearestNeighbors(3).Fit(X);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.KNeighbors(X, 31));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.KNeighbors(X, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.RadiusNeighbors(X, -1));
        Assert.Throws<ArgumentException>(() => m.KNeighbors(Tensor.Zeros<double>(2, 3)));
        Assert.Throws<ArgumentException>(() => new NearestNeighbors().Fit(Tensor.FromArray(new[] { 0.0, double.NaN }, 1, 2)));
    }

    [Fact]
    public void SaveAndLoadRoundTrip()
    {
        var m = new NearestNeighbors(3, NeighborMetric.Minkowski, 3).Fit(X);
        using var s = new MemoryStream();
        m.Save(s);
        s.Position = 0;
        var back = NearestNeighborsModel<double>.Load(s);
        Assert.Equal(m.Options, back.Options);
        Assert.Equal(m.KNeighbors(X).Indices.ToArray(), back.KNeighbors(X).Indices.ToArray());
        Assert.Equal(m.KNeighbors(X).Distances.ToArray(), back.KNeighbors(X).Distances.ToArray());
    }
}
