using System.Numerics;

namespace Scratch.ML.Tests.Reductions;

/// <summary>Seeded inputs in every layout the drivers distinguish.</summary>
internal static class ReductionTestData
{
    public static readonly string[] Layouts = ["contiguous", "transposed", "strided", "reversed", "broadcast"];

    /// <summary>Shapes small enough for the float64 twin, covering ranks 0–3, size-1 axes and SIMD tails.</summary>
    public static readonly int[][] Shapes =
    [
        [], [1], [7], [70], [3, 5], [17, 33], [1, 40], [2, 3, 4], [5, 1, 33], [4, 9, 65], [0, 3], [3, 0],
    ];

    /// <summary>Uniform values in [−1, 1) (or small integers for integer types), seeded.</summary>
    public static T[] Values<T>(int n, int seed) where T : INumberBase<T>
    {
        var rng = new Random(seed);
        var v = new T[n];
        bool integer = typeof(T) == typeof(int) || typeof(T) == typeof(long);
        for (int i = 0; i < n; i++) v[i] = integer ? T.CreateTruncating(rng.Next(-9, 10)) : T.CreateTruncating(rng.NextDouble() * 2 - 1);
        return v;
    }

    /// <summary>A tensor of the given logical shape whose memory layout is one of <see cref="Layouts"/>.</summary>
    public static Tensor<T> Make<T>(int[] shape, string layout, int seed) where T : unmanaged, INumberBase<T>
    {
        int n = Scratch.ML.Shapes.Numel(shape);
        int rank = shape.Length;
        if (rank == 0) return Tensor.Scalar(Values<T>(1, seed)[0]);
        switch (layout)
        {
            case "contiguous":
                return Tensor.FromArray(Values<T>(n, seed), shape);
            case "transposed":
            {
                // Stored with reversed axes, viewed back: every axis strided.
                var rev = shape.Reverse().ToArray();
                var perm = Enumerable.Range(0, rank).Reverse().ToArray();
                return Tensor.FromArray(Values<T>(n, seed), rev).Permute(perm);
            }
            case "strided":
            {
                if (rank == 0) return Tensor.FromArray(Values<T>(1, seed), shape);
                var big = (int[])shape.Clone();
                big[^1] = shape[^1] * 2 + 1;
                return Tensor.FromArray(Values<T>(Scratch.ML.Shapes.Numel(big), seed), big).Slice(-1, 1, null, 2).Narrow(-1, 0, shape[^1]);
            }
            case "reversed":
            {
                if (rank == 0) return Tensor.FromArray(Values<T>(1, seed), shape);
                return Tensor.FromArray(Values<T>(n, seed), shape).Slice(0, null, null, -1);
            }
            case "broadcast":
            {
                if (rank == 0) return Tensor.FromArray(Values<T>(1, seed), shape);
                var one = (int[])shape.Clone();
                one[0] = 1;
                return Tensor.FromArray(Values<T>(Scratch.ML.Shapes.Numel(one), seed), one).Expand(shape);
            }
            default: throw new ArgumentException(layout);
        }
    }

    /// <summary>Every subset of the axes of a tensor of rank <paramref name="rank"/> (the empty subset means all axes).</summary>
    public static IEnumerable<int[]> AxisSubsets(int rank)
    {
        for (int mask = 0; mask < 1 << rank; mask++)
            yield return Enumerable.Range(0, rank).Where(i => (mask >> i & 1) != 0).ToArray();
    }
}
