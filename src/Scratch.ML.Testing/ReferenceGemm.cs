using System.Numerics;

namespace Scratch.ML.Testing;

/// <summary>
/// Float64 reference twins of matrix products, for checking fast kernels: every product and sum is formed in double
/// precision by the textbook triple loop, whatever the element type of the inputs.
/// </summary>
public static class ReferenceGemm
{
    /// <summary>
    /// Returns <c>α·A·B + β·C</c> as a row-major m×n array of doubles, with A: (m, k), B: (k, n) and C: (m, n) read
    /// through (row stride, column stride) like <c>Scratch.ML.Cpu.Gemm.Multiply</c>. When β = 0, C is not read.
    /// </summary>
    public static double[] Multiply<T>(int m, int n, int k, double alpha,
        ReadOnlySpan<T> a, int rowStrideA, int colStrideA,
        ReadOnlySpan<T> b, int rowStrideB, int colStrideB,
        double beta, ReadOnlySpan<T> c, int rowStrideC, int colStrideC) where T : INumberBase<T>
    {
        var result = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int p = 0; p < k; p++)
                    sum += double.CreateTruncating(a[i * rowStrideA + p * colStrideA]) * double.CreateTruncating(b[p * rowStrideB + j * colStrideB]);
                double value = alpha * sum;
                if (beta != 0) value += beta * double.CreateTruncating(c[i * rowStrideC + j * colStrideC]);
                result[i * n + j] = value;
            }
        return result;
    }

    /// <summary>
    /// PyTorch <c>matmul</c> semantics in float64: 1-d·1-d is a dot product (0-d result); a 1-d left operand is
    /// treated as a row (1, k) and a 1-d right operand as a column (k, 1), the added axis removed from the result;
    /// otherwise the last two axes multiply and the leading (batch) axes broadcast.
    /// </summary>
    /// <exception cref="ArgumentException">The inner dimensions differ or the batch axes do not broadcast.</exception>
    public static Tensor<double> MatMul<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank == 0 || b.Rank == 0) throw new ArgumentException("ReferenceGemm.MatMul: both operands need at least one axis.");
        int[] sa = a.ShapeArray(), sb = b.ShapeArray();
        bool rowVector = sa.Length == 1, colVector = sb.Length == 1;
        if (rowVector) sa = [1, sa[0]];
        if (colVector) sb = [sb[0], 1];
        int m = sa[^2], k = sa[^1], n = sb[^1];
        if (sb[^2] != k)
            throw new ArgumentException($"ReferenceGemm.MatMul: inner dimensions differ: {Shapes.Format(a.Shape)} and {Shapes.Format(b.Shape)}.");
        int[] batch = Shapes.Broadcast(sa[..^2], sb[..^2]);
        var ea = a.Reshape(sa).BroadcastTo([.. batch, m, k]).ToArray();
        var eb = b.Reshape(sb).BroadcastTo([.. batch, k, n]).ToArray();
        int batches = Shapes.Numel(batch);
        var y = new double[batches * m * n];
        for (int t = 0; t < batches; t++)
        {
            var r = Multiply<T>(m, n, k, 1, ea.AsSpan(t * m * k, m * k), k, 1, eb.AsSpan(t * k * n, k * n), n, 1, 0, default, 0, 0);
            r.CopyTo(y, t * m * n);
        }
        var shape = new List<int>(batch);
        if (!rowVector) shape.Add(m);
        if (!colVector) shape.Add(n);
        return shape.Count == 0 ? Tensor.Scalar(y[0]) : Tensor.FromArray(y, [.. shape]);
    }
}
