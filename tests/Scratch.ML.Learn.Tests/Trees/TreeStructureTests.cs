using System.Buffers.Binary;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Serialization;
using Xunit;
using static Scratch.ML.Tests.Learn.Inspection.TreeShapTestTrees;

namespace Scratch.ML.Tests.Learn.Trees;

/// <summary>The shared fitted-tree form: validation of malformed node arrays, routing, Apply, and the validated file form.</summary>
public class TreeStructureTests
{
    // Root 0 splits x0 ≤ 0.5 (NaN right); node 1 is categorical on x1 ({2, 40, 255} left, NaN left); leaves 2, 3, 4.
    private static TreeStructure Sample(int[]? left = null, int[]? right = null, int[]? feature = null, int[]? offsets = null, uint[]? words = null,
        double[]? threshold = null, double[]? weighted = null, int featureCount = 2)
    {
        words ??= CategoryWords(2, 40, 255);
        return new TreeStructure(featureCount, 2, left ?? [1, 2, -1, -1, -1], right ?? [4, 3, -1, -1, -1], feature ?? [0, 1, -2, -2, -2],
            threshold ?? [0.5, double.NaN, -2, -2, -2], [false, true, false, false, false], [0.5, 0.4, 0, 0, 0], [10, 6, 3, 3, 4],
            weighted ?? [10, 6, 3, 3, 4], [0.5, 0.5, 0.4, 0.6, 1, 0, 0, 1, 0.2, 0.8], words, offsets ?? [-1, 0, -1, -1, -1]);
    }

    private static uint[] CategoryWords(params int[] categories)
    {
        var w = new uint[8];
        foreach (int c in categories) w[c >> 5] |= 1u << (c & 31);
        return w;
    }

    [Fact]
    public void ShapeAndAccessorsDescribeTheTree()
    {
        var t = Sample();
        Assert.Equal((5, 2, 2, 3), (t.NodeCount, t.MaxDepth, t.ValueWidth, t.LeafCount));
        Assert.True(t.HasCategoricalSplits);
        Assert.True(t.IsCategorical(1));
        Assert.False(t.IsCategorical(0));
        Assert.Equal([0.0, 1.0], t.Value(3).ToArray());
        Assert.True(t.CategoryGoesLeft(1, 255));
        Assert.False(t.CategoryGoesLeft(1, 3));
        Assert.False(t.CategoryGoesLeft(1, 256));
        Assert.Contains("not a categorical split", Assert.Throws<ArgumentException>(() => t.CategoryGoesLeft(0, 1)).Message);
        var lone = new TreeStructure(1, 1, [-1], [-1], [-2], [-2], [false], [0], [3], [3], [1.5]);
        Assert.Equal((0, 1, false), (lone.MaxDepth, lone.LeafCount, lone.HasCategoricalSplits));
    }

    [Theory]
    [InlineData(0.5, 2.0, 2)]          // threshold ties go left; category 2 is in the set
    [InlineData(0.4999, 3.0, 3)]       // category 3 is not
    [InlineData(-1.0, 40.0, 2)]
    [InlineData(0.0, 2.5, 3)]          // a non-integer is no category → right
    [InlineData(0.0, -1.0, 3)]         // a negative code → right
    [InlineData(0.0, 256.0, 3)]        // beyond the 256 categories → right
    [InlineData(0.0, double.NaN, 2)]   // NaN at node 1 goes left
    [InlineData(0.0, double.PositiveInfinity, 3)]
    [InlineData(0.51, 2.0, 4)]
    [InlineData(double.NaN, 2.0, 4)]   // NaN at the root goes right
    public void RoutingHandlesThresholdsCategoriesAndMissingValues(double x0, double x1, int leaf)
    {
        var t = Sample();
        Assert.Equal(leaf, t.Apply([x0, x1]));
        int next = t.Next(0, [x0, x1]);
        Assert.Equal(leaf == 4 ? 4 : 1, next);
    }

    [Fact]
    public void ApplyOnTensorsRoutesEveryRowAsTheRowMethodForBothElementTypes()
    {
        var rng = new Random(2);
        var tree = RandomTree(rng, 5, 8);
        var x = RandomRows(rng, 3000, 5).Select(v => (double)(float)v).ToArray();
        var expected = Enumerable.Range(0, 3000).Select(i => tree.Apply(x.AsSpan(i * 5, 5))).ToArray();
        Assert.Equal(expected, tree.Apply(Tensor.FromArray(x, 3000, 5)));
        Assert.Equal(expected, tree.Apply(Tensor.FromArray(x.Select(v => (float)v).ToArray(), 3000, 5)));
        Assert.Contains("(n, 5)", Assert.Throws<ArgumentException>(() => tree.Apply(Tensor.Ones<double>(2, 4))).Message);
        Assert.Throws<ArgumentException>(() => tree.Apply(Tensor.Ones<float>(5)));
    }

    public static TheoryData<string, Func<TreeStructure>> Malformed() => new()
    {
        { "larger ids", () => Sample(left: [1, 0, -1, -1, -1], right: [4, 3, -1, -1, -1]) },                 // a cycle 0 → 1 → 0
        { "larger ids", () => Sample(left: [1, 2, -1, -1, -1], right: [4, 5, -1, -1, -1]) },                 // child out of range
        { "two parents", () => Sample(left: [1, 2, -1, -1, -1], right: [4, 4, -1, -1, -1]) },
        { "one child", () => Sample(left: [1, 2, -1, -1, -1], right: [4, -1, -1, -1, -1]) },
        { "not reachable", () => Sample(left: [1, -1, -1, -1, -1], right: [4, -1, -1, -1, -1]) },
        { "feature -1", () => Sample(feature: [-1, 1, -2, -2, -2]) },
        { "feature 2", () => Sample(feature: [0, 2, -2, -2, -2]) },
        { "category offset -2", () => Sample(offsets: [-2, 0, -1, -1, -1]) },
        { "category offset 1", () => Sample(offsets: [-1, 1, -1, -1, -1]) },                                 // 1 + 8 words > 8
        { "category offset 2147483644", () => Sample(offsets: [-1, int.MaxValue - 3, -1, -1, -1]) },         // off + 8 overflows
        { "category offset 9", () => Sample(offsets: [-1, 0, 9, -1, -1]) },                                  // even at a leaf
        { "come together", () => new TreeStructure(1, 1, [-1], [-1], [-2], [0], [false], [0], [1], [1], [0], [0, 0, 0, 0, 0, 0, 0, 0], null) },
        { "NaN threshold", () => Sample(threshold: [double.NaN, 0, -2, -2, -2]) },
        { "must be ≥ 0", () => Sample(weighted: [10, 6, -3, 3, 4]) },
        { "must be ≥ 0", () => Sample(weighted: [10, double.NaN, 3, 3, 4]) },
        { "one per node", () => new TreeStructure(1, 1, [-1], [-1, -1], [-2], [0], [false], [0], [1], [1], [0]) },
        { "nodes × width", () => new TreeStructure(1, 2, [-1], [-1], [-2], [0], [false], [0], [1], [1], [0]) },
        { "at least one node", () => new TreeStructure(1, 1, [], [], [], [], [], [], [], [], []) },
        { "at least one feature", () => new TreeStructure(0, 1, [-1], [-1], [-2], [0], [false], [0], [1], [1], [0]) },
        { "at least one value", () => new TreeStructure(1, 0, [-1], [-1], [-2], [0], [false], [0], [1], [1], []) },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedArraysAreRejectedByName(string message, Func<TreeStructure> build) =>
        Assert.Contains(message, Assert.ThrowsAny<ArgumentException>(build).Message);

    [Fact]
    public void WithValuesKeepsTheStructure()
    {
        var t = Sample();
        var u = t.WithValues([1, 2, 3, 4, 5], 1);
        Assert.Equal((1, 5.0, 2), (u.ValueWidth, u.Value(4)[0], u.Apply([0.0, 2.0])));
        Assert.True(u.IsCategorical(1));
        Assert.Throws<ArgumentException>(() => t.WithValues([1, 2], 1));
    }

    private static Dictionary<string, SafeTensorValue> Saved(TreeStructure t, string prefix = "tree/")
    {
        var d = new Dictionary<string, SafeTensorValue>();
        t.AddTo(d, prefix);
        return d;
    }

    private static TreeStructure RoundTrip(Dictionary<string, SafeTensorValue> d, string prefix = "tree/") =>
        TreeStructure.Read(SafeTensors.Load(SafeTensors.Serialize(d)), prefix);

    [Fact]
    public void FileFormRoundTripsExactly()
    {
        var rng = new Random(4);
        foreach (var t in new[] { Sample(), RandomTree(rng, 6, 7, width: 3), RandomTree(rng, 3, 4, categorical: false) })
        {
            var u = RoundTrip(Saved(t));
            Assert.Equal((t.NodeCount, t.FeatureCount, t.ValueWidth, t.HasCategoricalSplits), (u.NodeCount, u.FeatureCount, u.ValueWidth, u.HasCategoricalSplits));
            Assert.Equal(t.LeftChild.ToArray(), u.LeftChild.ToArray());
            Assert.Equal(t.RightChild.ToArray(), u.RightChild.ToArray());
            Assert.Equal(t.Feature.ToArray(), u.Feature.ToArray());
            Assert.Equal(t.Threshold.ToArray(), u.Threshold.ToArray());
            Assert.Equal(t.MissingGoesLeft.ToArray(), u.MissingGoesLeft.ToArray());
            Assert.Equal(t.Impurity.ToArray(), u.Impurity.ToArray());
            Assert.Equal(t.SampleCount.ToArray(), u.SampleCount.ToArray());
            Assert.Equal(t.WeightedSampleCount.ToArray(), u.WeightedSampleCount.ToArray());
            Assert.Equal(t.Values.ToArray(), u.Values.ToArray());
            var x = RandomRows(rng, 200, t.FeatureCount);
            Assert.Equal(t.Apply(Tensor.FromArray(x, 200, t.FeatureCount)), u.Apply(Tensor.FromArray(x, 200, t.FeatureCount)));
        }
        // two trees side by side under different prefixes
        var both = Saved(Sample(), "a/");
        Sample().WithValues([1, 2, 3, 4, 5], 1).AddTo(both, "b/");
        Assert.Equal(2, RoundTrip(both, "a/").ValueWidth);
        Assert.Equal(1, RoundTrip(both, "b/").ValueWidth);
    }

    public static TheoryData<string, Action<Dictionary<string, SafeTensorValue>>> Hostile() => new()
    {
        { "no tensor \"tree/left\"", d => d.Remove("tree/left") },
        { "no tensor \"tree/category_bitsets\"", d => d.Remove("tree/category_bitsets") },
        { "larger ids", d => d["tree/left"] = Tensor.FromArray(new[] { 1, 0, -1, -1, -1 }, 5) },
        { "two parents", d => d["tree/right"] = Tensor.FromArray(new[] { 4, 4, -1, -1, -1 }, 5) },
        { "one per node", d => d["tree/threshold"] = Tensor.FromArray(new[] { 0.5, 1.0 }, 2) },
        { "F64", d => d["tree/feature"] = Tensor.FromArray(new[] { 0.0, 1, -2, -2, -2 }, 5) },
        { "shape entry", d => d["tree/shape"] = Tensor.FromArray(new[] { 2 }, 1) },
        { "at least one feature", d => d["tree/shape"] = Tensor.FromArray(new[] { -3, 2 }, 2) },
        { "nodes × width", d => d["tree/shape"] = Tensor.FromArray(new[] { 2, 3 }, 2) },
        { "outside 0…0", d => d["tree/shape"] = Tensor.FromArray(new[] { 1, 2 }, 2) },
        { "category offset 2147483644", d => d["tree/category_offset"] = Tensor.FromArray(new[] { -1, int.MaxValue - 3, -1, -1, -1 }, 5) },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void HostileFilesRaiseInvalidDataException(string message, Action<Dictionary<string, SafeTensorValue>> corrupt)
    {
        var d = Saved(Sample());
        corrupt(d);
        Assert.Contains(message, Assert.Throws<InvalidDataException>(() => RoundTrip(d)).Message);
    }

    [Fact]
    public void ABooleanByteOtherThanZeroOrOneIsInvalidData()
    {
        var bytes = SafeTensors.Serialize(Saved(Sample()));
        var info = SafeTensors.Load(bytes).Info("tree/missing_left");
        long data = 8 + (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        bytes[data + info.Begin] = 2;
        var ex = Assert.Throws<InvalidDataException>(() => TreeStructure.Read(SafeTensors.Load(bytes), "tree/"));
        Assert.Contains("0 or 1", ex.Message);
    }
}

/// <summary>The additive raw-output view every tree model exposes.</summary>
public class TreeEnsembleTests
{
    private static TreeStructure Stump(double lo, double hi, int width = 1) => new(2, width, [1, -1, -1], [2, -1, -1], [1, -2, -2], [0, -2, -2],
        [true, false, false], new double[3], [2, 1, 1], [2, 1, 1], [.. Enumerable.Repeat(0.0, width), .. Enumerable.Repeat(lo, width), .. Enumerable.Repeat(hi, width)]);

    [Fact]
    public void RawSumsBasePlusWeightedTreeValuesAtTheirOffsets()
    {
        var e = new TreeEnsemble([Stump(1, 2), Stump(10, 20, 2), Stump(-1, -2)], [0.5, 2, 3], [0, 1, 2], [100, 200, 300], RawOutputLink.Softmax);
        Assert.Equal((3, 2, 3, RawOutputLink.Softmax), (e.Trees.Count, e.FeatureCount, e.OutputCount, e.Link));
        var raw = new double[3];
        e.Raw([0.0, -1.0], raw);   // x1 ≤ 0: every stump's left leaf
        Assert.Equal([100.5, 220, 300 + 20 - 3], raw);
        e.Raw([0.0, double.NaN], raw);   // NaN goes left too
        Assert.Equal([100.5, 220, 317], raw);
        e.Raw([0.0, 1.0], raw);
        Assert.Equal([101, 240, 300 + 40 - 6], raw);
        Assert.Equal([0.5, 2, 3], e.Weights.ToArray());
        Assert.Equal([0, 1, 2], e.OutputOffsets.ToArray());
        Assert.Equal([100.0, 200, 300], e.BaseValue.ToArray());
    }

    [Fact]
    public void InputsAreCopied()
    {
        var weights = new List<double> { 1 };
        var e = new TreeEnsemble([Stump(1, 2)], weights, [0], [0.0]);
        weights[0] = 5;
        Assert.Equal(1, e.Weights[0]);
    }

    [Fact]
    public void InvalidEnsemblesAreRejected()
    {
        var s = Stump(1, 2);
        Assert.Contains("at least one tree", Assert.Throws<ArgumentException>(() => new TreeEnsemble([], [], [], [0.0])).Message);
        Assert.Contains("as many weights", Assert.Throws<ArgumentException>(() => new TreeEnsemble([s], [1, 2], [0], [0.0])).Message);
        Assert.Contains("as many weights", Assert.Throws<ArgumentException>(() => new TreeEnsemble([s], [1], [0, 0], [0.0])).Message);
        Assert.Contains("at least one raw output", Assert.Throws<ArgumentException>(() => new TreeEnsemble([s], [1], [0], [])).Message);
        var three = new TreeStructure(3, 1, [-1], [-1], [-2], [0], [false], [0], [1], [1], [0]);
        Assert.Contains("routes 3 features", Assert.Throws<ArgumentException>(() => new TreeEnsemble([s, three], [1, 1], [0, 0], [0.0])).Message);
        Assert.Contains("but there are 2", Assert.Throws<ArgumentException>(() => new TreeEnsemble([Stump(1, 2, 2)], [1], [1], [0.0, 0])).Message);
        Assert.Contains("writes outputs -1", Assert.Throws<ArgumentException>(() => new TreeEnsemble([s], [1], [-1], [0.0])).Message);
        Assert.Contains("weight NaN", Assert.Throws<ArgumentException>(() => new TreeEnsemble([s], [double.NaN], [0], [0.0])).Message);
        Assert.Throws<ArgumentNullException>(() => new TreeEnsemble(null!, [1], [0], [0.0]));
        var e = new TreeEnsemble([s], [1], [0], [0.0]);
        Assert.Throws<ArgumentException>(() => e.Raw([1.0], new double[1]));
        Assert.Throws<ArgumentException>(() => e.Raw([1.0, 2], new double[2]));
    }
}
