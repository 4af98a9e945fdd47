using Scratch.ML.Learn;
using Scratch.ML.Learn.LinearModels;
using Scratch.ML.Learn.ModelSelection;
using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.Learn.ModelSelection;

/// <summary>ParameterGrid order (scikit-learn's), distributions and the parameter sampler.</summary>
public class SearchParameterTests
{
    [Fact]
    public void GridSortsNamesAndVariesTheLastFastest()
    {
        // scikit-learn: list(ParameterGrid([{"b": [1, 2], "a": ["x", "y", "z"]}, {"c": [True]}, {}]))
        var grid = new ParameterGrid(
            new Dictionary<string, IReadOnlyList<object?>> { ["b"] = new object?[] { 1, 2 }, ["a"] = new object?[] { "x", "y", "z" } },
            new Dictionary<string, IReadOnlyList<object?>> { ["c"] = new object?[] { true } },
            new Dictionary<string, IReadOnlyList<object?>>());
        Assert.Equal(8, grid.Count);
        var expected = new (string, int)[] { ("x", 1), ("x", 2), ("y", 1), ("y", 2), ("z", 1), ("z", 2) };
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(["a", "b"], grid[i].Keys);
            Assert.Equal(expected[i].Item1, grid[i]["a"]);
            Assert.Equal(expected[i].Item2, grid[i]["b"]);
        }
        Assert.Equal(true, grid[6]["c"]);
        Assert.Empty(grid[7]);
        Assert.Equal(8, grid.Count());
        // Ordinal (code point) order, as Python sorts: upper case before lower case.
        Assert.Equal(["B", "a"], ParameterGrid.Of(("a", [1]), ("B", [2]))[0].Keys);
        Assert.Throws<ArgumentOutOfRangeException>(() => grid[8]);
        Assert.Throws<ArgumentException>(() => ParameterGrid.Of(("a", [])));
        Assert.Throws<ArgumentException>(() => ParameterGrid.Of(("a", [1]), ("a", [2])));
        Assert.Throws<ArgumentException>(() => new ParameterGrid());
    }

    [Fact]
    public void GridCandidatesBuildThroughTheConstructor()
    {
        foreach (var p in ParameterGrid.Of(("Alpha", [0.5, 2]), ("FitIntercept", [false])))
        {
            var ridge = (Ridge)EstimatorParameters.With(new Ridge(), p);
            Assert.False(ridge.FitIntercept);
            Assert.Contains(ridge.Alpha, new[] { 0.5, 2.0 }); // the int 2 converts exactly to 2.0
        }
    }

    [Fact]
    public void DistributionsSampleTheirSupportAndRoundTripTheUnitCube()
    {
        var g = new Generator(11);
        var uniform = new Uniform(-2, 3);
        var log = new LogUniform(1e-4, 1e2);
        var ints = new IntUniform(3, 7);
        var choice = new Choice("a", "b", "c");
        var seenInts = new HashSet<int>();
        double logMean = 0;
        for (int i = 0; i < 4000; i++)
        {
            double u = (double)uniform.Sample(g)!;
            Assert.InRange(u, -2, 3);
            double l = (double)log.Sample(g)!;
            Assert.InRange(l, 1e-4, 1e2);
            logMean += Math.Log10(l) / 4000;
            seenInts.Add((int)ints.Sample(g)!);
            Assert.Contains(choice.Sample(g), choice.Values);
        }
        Assert.Equal([3, 4, 5, 6], seenInts.Order());
        Assert.InRange(logMean, -1.2, -0.8); // log10 uniform on [−4, 2] has mean −1
        Assert.Equal(0.5, uniform.ToUnit(0.5), 14);
        Assert.Equal(0.5, log.ToUnit(0.1), 14);
        Assert.Equal(1e-2, (double)log.FromUnit(log.ToUnit(1e-2))!, 14);
        Assert.Equal(5, ints.FromUnit(ints.ToUnit(5)));
        Assert.Equal("b", choice.FromUnit(choice.ToUnit("b")));
        Assert.Equal(6, ints.FromUnit(1.0));
        Assert.Throws<ArgumentException>(() => new Uniform(1, 1));
        Assert.Throws<ArgumentException>(() => new LogUniform(0, 1));
        Assert.Throws<ArgumentException>(() => new IntUniform(2, 2));
        Assert.Throws<ArgumentException>(() => new Choice());
        Assert.Throws<ArgumentException>(() => choice.ToUnit("d"));
        Assert.Equal(new Choice("a", "b", "c"), choice);
        Assert.NotEqual(new Choice("a", "c", "b"), choice);
    }

    [Fact]
    public void RanksUseTheMinMethodWithNaNLast()
    {
        // scipy.stats.rankdata(-[0.5, 0.9, 0.5, nan → min − 1, 0.1], method="min") = [2, 1, 2, 5, 4]
        Assert.Equal([2, 1, 2, 5, 4], SearchResult<IFittedModel>.Rank([0.5, 0.9, 0.5, double.NaN, 0.1]));
        Assert.Equal([1, 1], SearchResult<IFittedModel>.Rank([double.NaN, double.NaN]));
        Assert.Equal([3, 1, 1], SearchResult<IFittedModel>.Rank([1.0, 2.0, 2.0]));
    }

    [Fact]
    public void SamplerIsSeededAndDrawsNamesInOrder()
    {
        var space = new Dictionary<string, ParameterDistribution> { ["z"] = new Uniform(0, 1), ["a"] = new IntUniform(0, 100) };
        var first = ParameterSampler.Sample(space, 5, new Generator(3));
        var second = ParameterSampler.Sample(space, 5, new Generator(3));
        Assert.Equal(first.Select(p => p["z"]), second.Select(p => p["z"]));
        // Names in ordinal order: each set draws "a" then "z" from the generator.
        var g = new Generator(3);
        var a0 = new IntUniform(0, 100).Sample(g);
        var z0 = new Uniform(0, 1).Sample(g);
        Assert.Equal(a0, first[0]["a"]);
        Assert.Equal(z0, first[0]["z"]);
        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterSampler.Sample(space, 0, new Generator(1)));
        Assert.Throws<ArgumentException>(() => ParameterSampler.Sample(new Dictionary<string, ParameterDistribution>(), 1, new Generator(1)));
    }
}
