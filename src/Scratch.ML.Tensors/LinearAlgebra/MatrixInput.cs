using System.Numerics;

namespace Scratch.ML.LinearAlgebra;

/// <summary>
/// Validation and conversion shared by the linear-algebra entry points: every decomposition works on a private
/// contiguous row-major copy (element (i, j) at <c>i·cols + j</c>), so callers may pass any view or layout.
/// </summary>
internal static class MatrixInput
{
    /// <summary>Checks that <paramref name="a"/> is 2-d with finite entries and returns a row-major copy.</summary>
    public static T[] General<T>(Tensor<T> a, string op, string arg, out int rows, out int cols) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a, arg);
        if (a.Rank != 2)
            throw new ArgumentException($"{op}: {arg} must be a 2-d matrix, got shape {Shapes.Format(a.Shape)}.", arg);
        rows = a.Size(0);
        cols = a.Size(1);
        var data = a.ToArray();
        RequireFinite(data, op, arg, cols);
        return data;
    }

    /// <summary>Like <see cref="General{T}"/> but also requires a square matrix.</summary>
    public static T[] Square<T>(Tensor<T> a, string op, string arg, out int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = General(a, op, arg, out int rows, out int cols);
        if (rows != cols)
            throw new ArgumentException($"{op}: {arg} must be square, got shape {Shapes.Format(a.Shape)}.", arg);
        n = rows;
        return data;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first NaN or infinite entry.</summary>
    public static void RequireFinite<T>(ReadOnlySpan<T> data, string op, string arg, int cols) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < data.Length; i++)
            if (!T.IsFinite(data[i]))
            {
                string where = cols > 0 ? $"[{i / cols}, {i % cols}]" : $"[{i}]";
                throw new ArgumentException($"{op}: {arg} must be finite, but element {where} is {data[i]}.", arg);
            }
    }

    /// <summary>Machine epsilon (distance from 1 to the next larger number): 2.2e-16 for double, 1.19e-7 for float.</summary>
    public static T Epsilon<T>() where T : IFloatingPointIeee754<T> => T.BitIncrement(T.One) - T.One;

    /// <summary>Wraps a row-major array as a 2-d tensor without copying.</summary>
    public static Tensor<T> Matrix<T>(T[] data, int rows, int cols) where T : unmanaged => Tensor.Wrap(data, rows, cols);

    /// <summary>The transpose of a row-major (rows × cols) array as a new row-major (cols × rows) array.</summary>
    public static T[] Transpose<T>(ReadOnlySpan<T> a, int rows, int cols)
    {
        var t = new T[a.Length];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                t[j * rows + i] = a[i * cols + j];
        return t;
    }
}
