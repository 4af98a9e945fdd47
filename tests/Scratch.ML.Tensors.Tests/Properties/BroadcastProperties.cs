using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Scratch.ML.Tests.Properties;

/// <summary>FsCheck properties of broadcasting views and of the copying/indexing ops built on them.</summary>
public class BroadcastProperties
{
    private static void Holds<T>(Arbitrary<T> arb, Func<T, bool> property) => Check.One(ViewGen.Config, Prop.ForAll(arb, property));

    /// <summary>A source shape and a target it broadcasts to: leading new axes, and size-1 axes widened.</summary>
    private static Gen<(int[] Source, int[] Target, int Seed)> BroadcastPair =>
        from source in ViewGen.Shape(3)
        from ones in Gen.ArrayOf(Gen.Elements(false, true), source.Length)
        from leadCount in Gen.Choose(0, 2)
        from leadDims in Gen.ArrayOf(ViewGen.Dim, leadCount)
        from widths in Gen.ArrayOf(Gen.Choose(0, 4), source.Length)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        let src = source.Select((n, i) => ones[i] ? 1 : n).ToArray()
        let target = leadDims.Concat(src.Select((n, i) => n == 1 ? widths[i] : n)).ToArray()
        select (src, target, seed);

    [Fact]
    public void BroadcastToReadsTheSourceByIndexMapping()
        => Holds(BroadcastPair.ToArbitrary(), c =>
        {
            var (x, _) = ViewGen.RandomLayout(c.Source, c.Seed);
            var y = x.BroadcastTo(c.Target);
            var e = x.Expand(c.Target);
            int lead = c.Target.Length - c.Source.Length;
            var flat = y.ToArray();
            for (int f = 0; f < flat.Length; f++)
            {
                var idx = ViewGen.Unravel(f, c.Target);
                var src = c.Source.Select((n, k) => n == 1 ? 0 : idx[k + lead]).ToArray();
                if (flat[f] != x[src]) return false;
            }
            for (int k = 0; k < c.Target.Length; k++)
            {
                bool broadcast = k < lead || (c.Source[k - lead] == 1 && c.Target[k] != 1);
                if (broadcast && y.Strides[k] != 0) return false;
            }
            return ReferenceEquals(y.Storage, x.Storage) && e.ToArray().SequenceEqual(flat)
                && Shapes.Broadcast(c.Source, c.Target).SequenceEqual(c.Target)
                && Shapes.Broadcast(c.Target, c.Source).SequenceEqual(c.Target);
        });

    [Fact]
    public void CopyingABroadcastViewMaterialisesRepeats()
        => Holds(BroadcastPair.ToArbitrary(), c =>
        {
            var (x, _) = ViewGen.RandomLayout(c.Source, c.Seed);
            var y = x.BroadcastTo(c.Target);
            var copy = y.Contiguous();
            var viaRepeat = x.Reshape([.. Enumerable.Repeat(1, c.Target.Length - c.Source.Length), .. c.Source]);
            var reps = c.Target.Select((n, k) => viaRepeat.Size(k) == n ? 1 : n).ToArray();
            return copy.IsContiguous && copy.ToArray().SequenceEqual(y.ToArray()) && viaRepeat.Repeat(reps).ToArray().SequenceEqual(y.ToArray());
        });

    [Fact]
    public void ConcatThenSplitRoundTrips()
    {
        var arb = (from shape in ViewGen.Shape(3).Where(s => s.Length >= 1)
                   from axis in Gen.Choose(0, shape.Length - 1)
                   from count in Gen.Choose(1, 4)
                   from sizes in Gen.ArrayOf(Gen.Choose(0, 3), count)
                   from seed in Gen.Choose(0, int.MaxValue - 1)
                   select (shape, axis, sizes, seed)).ToArbitrary();
        Holds(arb, c =>
        {
            var parts = c.sizes.Select((n, i) =>
            {
                var s = (int[])c.shape.Clone();
                s[c.axis] = n;
                return ViewGen.RandomLayout(s, c.seed + i).View;
            }).ToArray();
            var joined = Tensor.Concat<double>(parts, c.axis);
            var back = joined.Split(c.sizes, c.axis);
            return back.Length == parts.Length && back.Zip(parts).All(p => p.First.Shape.SequenceEqual(p.Second.Shape) && p.First.ToArray().SequenceEqual(p.Second.ToArray()));
        });
    }

    [Fact]
    public void GatherUndoesScatterWithDistinctIndices()
    {
        var arb = (from shape in ViewGen.Shape(3).Where(s => s.Length >= 1 && Shapes.Numel(s) > 0)
                   from axis in Gen.Choose(0, shape.Length - 1)
                   from seed in Gen.Choose(0, int.MaxValue - 1)
                   select (shape, axis, seed)).ToArbitrary();
        Holds(arb, c =>
        {
            // index: along the axis, each line is a random permutation of 0..n−1, so scatter writes each slot once.
            var rng = new Random(c.seed);
            int n = c.shape[c.axis];
            var moved = c.shape.ToList();
            moved.RemoveAt(c.axis);
            moved.Add(n);
            int lines = Shapes.Numel(moved.ToArray()) / n;
            var perm = Enumerable.Range(0, lines).SelectMany(_ => Enumerable.Range(0, n).OrderBy(_ => rng.Next()).Select(v => (long)v)).ToArray();
            var index = Tensor.FromArray(perm).Reshape(moved.ToArray()).Permute(MoveBack(c.shape.Length, c.axis));
            var (src, _) = ViewGen.RandomLayout(c.shape, c.seed);
            var scattered = Tensor.Zeros<double>(c.shape).Scatter(c.axis, index, src);
            var added = Tensor.Zeros<double>(c.shape).ScatterAdd(c.axis, index, src);
            return scattered.Gather(c.axis, index).ToArray().SequenceEqual(src.ToArray())
                && added.ToArray().SequenceEqual(scattered.ToArray());
        });
    }

    /// <summary>The permutation that moves the last axis back to position <paramref name="axis"/>.</summary>
    private static int[] MoveBack(int rank, int axis)
    {
        var p = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) p[i] = i == axis ? rank - 1 : j++;
        return p;
    }
}
