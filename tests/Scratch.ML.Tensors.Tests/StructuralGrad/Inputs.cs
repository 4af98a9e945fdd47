namespace Scratch.ML.Tests.StructuralGrad;

/// <summary>Deterministic float64 test inputs for the structural gradient checks.</summary>
internal static class Inputs
{
    /// <summary>Values uniform in [−1, 1) from <paramref name="seed"/>.</summary>
    public static Tensor<double> Rand(int seed, params int[] shape)
    {
        var rng = new Random(seed);
        var d = new double[Shapes.Numel(shape)];
        for (int i = 0; i < d.Length; i++) d[i] = rng.NextDouble() * 2 - 1;
        return Tensor.FromArray(d, shape);
    }

    /// <summary>Distinct values (a shuffled 0.1·k grid plus noise below the spacing): no ties for sort and top-k.</summary>
    public static Tensor<double> Distinct(int seed, params int[] shape)
    {
        var rng = new Random(seed);
        int n = Shapes.Numel(shape);
        var d = new double[n];
        for (int i = 0; i < n; i++) d[i] = 0.1 * i + 0.01 * rng.NextDouble();
        rng.Shuffle(d);
        return Tensor.FromArray(d, shape);
    }

    /// <summary>A transposed (non-contiguous) view of a fresh (cols, rows) tensor: logical shape (rows, cols).</summary>
    public static Tensor<double> Transposed(int seed, int rows, int cols) => Rand(seed, cols, rows).Transpose(0, 1);

    public static Tensor<long> Longs(long[] values, params int[] shape) => Tensor.FromArray(values, shape);

    public static Tensor<bool> Bools(bool[] values, params int[] shape) => Tensor.FromArray(values, shape);
}
