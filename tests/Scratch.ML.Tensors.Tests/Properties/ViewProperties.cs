using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Scratch.ML.Tests.Properties;

/// <summary>FsCheck properties of the core's zero-copy views: each compares a view with the layout definition.</summary>
public class ViewProperties
{
    private static void Holds<T>(Arbitrary<T> arb, Func<T, bool> property) => Check.One(ViewGen.Config, Prop.ForAll(arb, property));

    private static bool SameElements(Tensor<double> expected, Tensor<double> actual)
        => expected.Shape.SequenceEqual(actual.Shape) && expected.ToArray().SequenceEqual(actual.ToArray());

    [Fact]
    public void RandomLayoutsReadTheirElementsThroughTheStrideFormula()
        => Holds(ViewGen.ShapeAndSeed(), c =>
        {
            var (x, _) = ViewGen.RandomLayout(c.Shape, c.Seed);
            var flat = x.ToArray();
            for (int f = 0; f < flat.Length; f++)
            {
                var idx = ViewGen.Unravel(f, c.Shape);
                if (flat[f] != ViewGen.At(x, idx) || flat[f] != x[idx]) return false;
            }
            return flat.Distinct().Count() == flat.Length; // no two positions alias one element
        });

    [Fact]
    public void ContiguousPreservesElements()
        => Holds(ViewGen.ShapeAndSeed(), c =>
        {
            var (x, _) = ViewGen.RandomLayout(c.Shape, c.Seed);
            var y = x.Contiguous();
            return y.IsContiguous && SameElements(x, y) && (!x.IsContiguous || ReferenceEquals(x, y));
        });

    [Fact]
    public void ReshapeRoundTripsAndKeepsRowMajorOrder()
    {
        var arb = (from shape in ViewGen.Shape()
                   from seed in Gen.Choose(0, int.MaxValue - 1)
                   from split in Gen.Choose(0, 3)
                   select (shape, seed, split)).ToArbitrary();
        Holds(arb, c =>
        {
            var (x, _) = ViewGen.RandomLayout(c.shape, c.seed);
            int n = x.Length;
            // Targets: flat, flat with an inferred −1, and [d, n/d] for a divisor d of n.
            int d = Enumerable.Range(1, Math.Max(1, n)).Where(k => n % k == 0).ElementAt(c.split % Math.Max(1, Enumerable.Range(1, Math.Max(1, n)).Count(k => n % k == 0)));
            int[][] targets = n == 0 ? [[0], [0, 3]] : [[n], [-1], [d, n / d], [1, n, 1]];
            foreach (var target in targets)
            {
                var r = x.Reshape(target);
                if (!r.ToArray().SequenceEqual(x.ToArray())) return false;
                if (!SameElements(x, r.Reshape(c.shape))) return false;
                if (x.IsContiguous && !ReferenceEquals(r.Storage, x.Storage)) return false; // contiguous → a view
            }
            return true;
        });
    }

    [Fact]
    public void TransposeTwiceIsTheIdentityView()
    {
        var arb = (from shape in ViewGen.Shape().Where(s => s.Length >= 1)
                   from seed in Gen.Choose(0, int.MaxValue - 1)
                   from a in Gen.Choose(-shape.Length, shape.Length - 1)
                   from b in Gen.Choose(-shape.Length, shape.Length - 1)
                   select (shape, seed, a, b)).ToArbitrary();
        Holds(arb, c =>
        {
            var (x, _) = ViewGen.RandomLayout(c.shape, c.seed);
            var t = x.Transpose(c.a, c.b);
            var tt = t.Transpose(c.a, c.b);
            return ReferenceEquals(tt.Storage, x.Storage) && tt.Strides.SequenceEqual(x.Strides) && tt.Offset == x.Offset && SameElements(x, tt);
        });
    }

    [Fact]
    public void PermuteMapsIndicesAndInversePermuteRestores()
    {
        var arb = (from shape in ViewGen.Shape()
                   from seed in Gen.Choose(0, int.MaxValue - 1)
                   from perm in Gen.Shuffle(Enumerable.Range(0, shape.Length).ToArray())
                   select (shape, seed, perm)).ToArbitrary();
        Holds(arb, c =>
        {
            var (x, _) = ViewGen.RandomLayout(c.shape, c.seed);
            var p = x.Permute(c.perm);
            var flat = p.ToArray();
            for (int f = 0; f < flat.Length; f++)
            {
                var idx = ViewGen.Unravel(f, p.Shape); // p[idx] = x[j] with j[perm[i]] = idx[i]
                var j = new int[idx.Length];
                for (int i = 0; i < idx.Length; i++) j[c.perm[i]] = idx[i];
                if (flat[f] != x[j]) return false;
            }
            var inverse = new int[c.perm.Length];
            for (int i = 0; i < c.perm.Length; i++) inverse[c.perm[i]] = i;
            return SameElements(x, p.Permute(inverse)) && ReferenceEquals(p.Storage, x.Storage);
        });
    }

    [Fact]
    public void SliceMatchesThePythonListModel()
    {
        var arb = (from shape in ViewGen.Shape().Where(s => s.Length >= 1)
                   from seed in Gen.Choose(0, int.MaxValue - 1)
                   from axis in Gen.Choose(0, shape.Length - 1)
                   from start in Gen.Frequency((1, Gen.Constant<int?>(null)), (4, Gen.Choose(-7, 7).Select(v => (int?)v)))
                   from stop in Gen.Frequency((1, Gen.Constant<int?>(null)), (4, Gen.Choose(-7, 7).Select(v => (int?)v)))
                   from step in Gen.Elements(-3, -2, -1, 1, 2, 3)
                   select (shape, seed, axis, start, stop, step)).ToArbitrary();
        Holds(arb, c =>
        {
            var (x, _) = ViewGen.RandomLayout(c.shape, c.seed);
            var keep = ViewGen.PythonSlice(c.shape[c.axis], c.start, c.stop, c.step);
            var s = x.Slice(c.axis, c.start, c.stop, c.step);
            var viaIndex = x[[.. Enumerable.Repeat(TensorIndex.All, c.axis), TensorIndex.Slice(c.start, c.stop, c.step)]];
            if (s.Size(c.axis) != keep.Count || !SameElements(s, viaIndex)) return false;
            var flat = s.ToArray();
            for (int f = 0; f < flat.Length; f++)
            {
                var idx = ViewGen.Unravel(f, s.Shape);
                idx[c.axis] = keep[idx[c.axis]];
                if (flat[f] != x[idx]) return false;
            }
            return ReferenceEquals(s.Storage, x.Storage);
        });
    }

    [Fact]
    public void WritesThroughAViewAreVisibleInTheBase()
    {
        var arb = (from shape in ViewGen.Shape().Where(s => Shapes.Numel(s) > 0)
                   from seed in Gen.Choose(0, int.MaxValue - 1)
                   from pick in Gen.Choose(0, int.MaxValue - 1)
                   select (shape, seed, pick)).ToArbitrary();
        Holds(arb, c =>
        {
            var (x, baseT) = ViewGen.RandomLayout(c.shape, c.seed);
            var before = baseT.ToArray();
            var idx = ViewGen.Unravel(c.pick % x.Length, c.shape);
            double old = x[idx];
            x[idx] = -1;
            var after = baseT.ToArray();
            var changed = Enumerable.Range(0, after.Length).Where(i => after[i] != before[i]).ToArray();
            // Exactly one base element changed: the one whose value (= its base position) the view read before.
            return changed.Length == 1 && changed[0] == (int)old && after[changed[0]] == -1;
        });
    }

    [Fact]
    public void FlipTwiceIsTheIdentity()
    {
        var arb = (from shape in ViewGen.Shape()
                   from seed in Gen.Choose(0, int.MaxValue - 1)
                   from axes in Gen.SubListOf(Enumerable.Range(0, shape.Length).ToArray())
                   select (shape, seed, axes: axes.ToArray())).ToArbitrary();
        Holds(arb, c =>
        {
            var (x, _) = ViewGen.RandomLayout(c.shape, c.seed);
            var v = x.FlipView(c.axes).FlipView(c.axes);
            return SameElements(x, x.Flip(c.axes).Flip(c.axes)) && SameElements(x, v)
                && v.Strides.SequenceEqual(x.Strides) && ReferenceEquals(v.Storage, x.Storage);
        });
    }

    [Fact]
    public void EmptyViewsStayReadable()
    {
        // Positions of an empty tensor can lie past its storage; the views must still be valid (regression).
        var x = Tensor.Zeros<float>(0, 3);
        Assert.Empty(x.Select(1, 2).ToArray());
        Assert.Empty(x.Slice(1, 1, null, 1).ToArray());
        Assert.Empty(x[TensorIndex.All, 2].ToArray());
        Assert.Empty(Tensor.Zeros<double>(2, 4, 0).Slice(1, 1, null, -2).ToArray());
        Assert.Empty(Tensor.Zeros<long>(3, 0).Split(1, 0)[2].ToArray());
    }
}
