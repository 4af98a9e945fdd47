using System.Text;

namespace Scratch.ML;

/// <summary>
/// Shape arithmetic shared by every op: element counts (with overflow checks), row-major strides, axis normalisation
/// and NumPy broadcasting. Broadcasting is decided here and nowhere else (STYLE.md rule 7).
/// </summary>
public static class Shapes
{
    /// <summary>The number of elements of a tensor of this shape: the product of the dimensions (1 for a scalar).</summary>
    /// <exception cref="ArgumentException">A dimension is negative.</exception>
    /// <exception cref="OverflowException">The product does not fit in an <see cref="int"/> (tensors hold at most 2³¹−1 elements).</exception>
    public static int Numel(ReadOnlySpan<int> shape)
    {
        long n = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0)
                throw new ArgumentException($"Shape {Format(shape)} has a negative dimension {shape[i]} at axis {i}.", nameof(shape));
            n *= shape[i];
            if (n > int.MaxValue)
                throw new OverflowException($"Shape {Format(shape)} has more than {int.MaxValue} elements; a tensor holds at most 2^31-1 elements.");
        }
        return (int)n;
    }

    /// <summary>Row-major (C-order) strides, in elements, for a contiguous tensor of this shape.</summary>
    public static int[] ContiguousStrides(ReadOnlySpan<int> shape)
    {
        var strides = new int[shape.Length];
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(shape[i], 1);
        }
        return strides;
    }

    /// <summary>
    /// Whether a (shape, strides) layout is row-major contiguous: the elements are exactly the next
    /// <see cref="Numel"/> slots of storage in C order. Axes of size 1 may have any stride.
    /// </summary>
    public static bool IsContiguous(ReadOnlySpan<int> shape, ReadOnlySpan<int> strides)
    {
        long expected = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            if (shape[i] == 1) continue;
            if (shape[i] == 0) return true;
            if (strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    /// <summary>
    /// Turns a possibly negative axis into an index in [0, rank). Python semantics: −1 is the last axis.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
    public static int NormalizeAxis(int axis, int rank, string paramName = "axis")
    {
        int a = axis < 0 ? axis + rank : axis;
        if ((uint)a >= (uint)rank)
            throw new ArgumentOutOfRangeException(paramName, axis, $"Axis {axis} is out of range for a tensor of rank {rank} (expected {-rank} <= axis < {rank}).");
        return a;
    }

    /// <summary>
    /// Normalises a set of axes (negative allowed) to sorted, distinct indices. An empty <paramref name="axes"/> means
    /// every axis, as in NumPy's <c>axis=None</c>.
    /// </summary>
    /// <exception cref="ArgumentException">An axis is repeated.</exception>
    public static int[] NormalizeAxes(ReadOnlySpan<int> axes, int rank, string paramName = "axes")
    {
        if (axes.IsEmpty)
        {
            var all = new int[rank];
            for (int i = 0; i < rank; i++) all[i] = i;
            return all;
        }
        var result = new int[axes.Length];
        for (int i = 0; i < axes.Length; i++) result[i] = NormalizeAxis(axes[i], rank, paramName);
        Array.Sort(result);
        for (int i = 1; i < result.Length; i++)
            if (result[i] == result[i - 1])
                throw new ArgumentException($"Axis {result[i]} appears more than once in {Format(axes)}.", paramName);
        return result;
    }

    /// <summary>
    /// The NumPy broadcast of two shapes: align trailing dimensions; each pair must be equal or contain a 1.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast; the message names both.</exception>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string op = "broadcast")
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da == db || db == 1) result[i] = da;
            else if (da == 1) result[i] = db;
            else
                throw new ArgumentException($"{op}: shapes {Format(a)} and {Format(b)} cannot be broadcast together (axis {i} of the result: {da} vs {db}).");
        }
        return result;
    }

    /// <summary>
    /// The strides with which a tensor of (<paramref name="shape"/>, <paramref name="strides"/>) is read as the larger
    /// <paramref name="target"/> shape: new leading axes and broadcast axes get stride 0.
    /// </summary>
    /// <exception cref="ArgumentException">The shape cannot be broadcast to the target.</exception>
    public static int[] BroadcastStrides(ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, ReadOnlySpan<int> target)
    {
        if (shape.Length > target.Length)
            throw new ArgumentException($"Cannot broadcast shape {Format(shape)} to {Format(target)}: the target has fewer axes.");
        var result = new int[target.Length];
        int lead = target.Length - shape.Length;
        for (int i = 0; i < target.Length; i++)
        {
            if (i < lead) { result[i] = 0; continue; }
            int d = shape[i - lead];
            if (d == target[i]) result[i] = strides[i - lead];
            else if (d == 1) result[i] = 0;
            else
                throw new ArgumentException($"Cannot broadcast shape {Format(shape)} to {Format(target)} (axis {i}: {d} vs {target[i]}).");
        }
        return result;
    }

    /// <summary>Whether two shapes are equal.</summary>
    public static bool Equal(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);

    /// <summary>Formats a shape as <c>(2, 3, 4)</c>; a scalar is <c>()</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape)
    {
        var sb = new StringBuilder("(");
        for (int i = 0; i < shape.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(shape[i]);
        }
        if (shape.Length == 1) sb.Append(',');
        return sb.Append(')').ToString();
    }

    /// <summary>Throws a clear exception unless the two shapes are equal.</summary>
    /// <exception cref="ArgumentException">The shapes differ; the message names the op and both shapes.</exception>
    public static void RequireEqual(ReadOnlySpan<int> expected, ReadOnlySpan<int> actual, string op, string paramName)
    {
        if (!expected.SequenceEqual(actual))
            throw new ArgumentException($"{op}: expected {paramName} of shape {Format(expected)} but got {Format(actual)}.", paramName);
    }
}
