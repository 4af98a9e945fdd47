using FsCheck;
using FsCheck.Fluent;

namespace Scratch.ML.Tests.Properties;

/// <summary>
/// Generators for the view and broadcasting properties: shapes (rank 0–4, sizes 0–4, mostly non-empty) and tensors
/// with random layouts — a random axis order in storage, random steps of 1 or 2, random reversals and a non-zero
/// offset — whose logical values are distinct (element k of the base storage holds k).
/// </summary>
public static class ViewGen
{
    public static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(150);

    public static Gen<int> Dim => Gen.Frequency((1, Gen.Constant(0)), (8, Gen.Choose(1, 4)));

    public static Gen<int[]> Shape(int maxRank = 4) =>
        from rank in Gen.Choose(0, maxRank)
        from dims in Gen.ArrayOf(Dim, rank)
        select dims;

    /// <summary>(shape, seed) pairs: the seed drives <see cref="RandomLayout"/>.</summary>
    public static Arbitrary<(int[] Shape, int Seed)> ShapeAndSeed(int maxRank = 4) =>
        (from shape in Shape(maxRank) from seed in Gen.Choose(0, int.MaxValue - 1) select (shape, seed)).ToArbitrary();

    /// <summary>
    /// A tensor of <paramref name="shape"/> viewing a larger base buffer through a random permutation, steps and
    /// reversals. Returns the view and its base (contiguous, values 0, 1, 2, …).
    /// </summary>
    public static (Tensor<double> View, Tensor<double> Base) RandomLayout(int[] shape, int seed)
    {
        var rng = new Random(seed);
        int rank = shape.Length;
        if (Shapes.Numel(shape) == 0 || rank == 0)
        {
            var plain = Tensor.Arange(0.0, Shapes.Numel(shape), 1.0).Reshape(shape);
            return (plain, plain);
        }
        var perm = Enumerable.Range(0, rank).OrderBy(_ => rng.Next()).ToArray(); // base axis i holds logical axis perm[i]
        var steps = shape.Select(_ => rng.Next(1, 3)).ToArray();
        var reversed = shape.Select(_ => rng.Next(2) == 0).ToArray();
        var baseShape = perm.Select(k => shape[k] * steps[k] + 1).ToArray();
        var baseT = Tensor.Arange(0.0, Shapes.Numel(baseShape), 1.0).Reshape(baseShape);
        var v = baseT;
        for (int i = 0; i < rank; i++)
        {
            int k = perm[i], n = shape[k], s = steps[k];
            v = reversed[k] ? v.Slice(i, n * s, 0, -s) : v.Slice(i, 1, null, s).Narrow(i, 0, n);
        }
        var inverse = new int[rank];
        for (int i = 0; i < rank; i++) inverse[perm[i]] = i;
        return (v.Permute(inverse), baseT);
    }

    /// <summary>The multi-index of row-major position <paramref name="flat"/>.</summary>
    public static int[] Unravel(int flat, ReadOnlySpan<int> shape)
    {
        var idx = new int[shape.Length];
        for (int k = shape.Length - 1; k >= 0; k--)
        {
            idx[k] = flat % shape[k];
            flat /= shape[k];
        }
        return idx;
    }

    /// <summary>Reads one element by the layout definition: <c>storage[offset + Σ idx·stride]</c>.</summary>
    public static double At(Tensor<double> t, int[] idx)
    {
        int o = t.Offset;
        for (int k = 0; k < idx.Length; k++) o += idx[k] * t.Strides[k];
        return ((CpuStorage<double>)t.Storage).Array[o];
    }

    /// <summary>Python's <c>range(*slice(start, stop, step).indices(n))</c>, written out from the language reference.</summary>
    public static List<int> PythonSlice(int n, int? start, int? stop, int step)
    {
        int lower = step > 0 ? 0 : -1, upper = step > 0 ? n : n - 1;
        int Clamp(int? v, int whenNull) => v is not int x ? whenNull : x < 0 ? Math.Max(x + n, lower) : Math.Min(x, upper);
        int s = Clamp(start, step > 0 ? lower : upper), e = Clamp(stop, step > 0 ? upper : lower);
        var result = new List<int>();
        for (int i = s; step > 0 ? i < e : i > e; i += step) result.Add(i);
        return result;
    }
}
