using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Testing;

/// <summary>
/// Comparisons of tensors and arrays under a <see cref="Tolerance"/>, throwing <see cref="TensorAssertException"/>
/// with the first mismatching index, both values and the rule applied.
/// </summary>
public static class TensorAssert
{
    /// <summary>Asserts equal shapes and element-wise closeness.</summary>
    public static void Close<T>(Tensor<T> expected, Tensor<T> actual, Tolerance tolerance) where T : unmanaged, INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (!expected.Shape.SequenceEqual(actual.Shape))
            throw new TensorAssertException($"Shapes differ: expected {Shapes.Format(expected.Shape)}, actual {Shapes.Format(actual.Shape)}.");
        Close<T>(expected.ToArray(), actual.ToArray(), tolerance, expected.Shape.ToArray());
    }

    /// <summary>Asserts element-wise closeness of two flat sequences (shape used only for messages).</summary>
    public static void Close<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, Tolerance tolerance, int[]? shape = null) where T : INumberBase<T>
    {
        if (expected.Length != actual.Length)
            throw new TensorAssertException($"Lengths differ: expected {expected.Length}, actual {actual.Length}.");
        for (int i = 0; i < expected.Length; i++)
        {
            double e = double.CreateTruncating(expected[i]), a = double.CreateTruncating(actual[i]);
            if (!tolerance.IsClose(a, e))
                throw new TensorAssertException(string.Create(CultureInfo.InvariantCulture,
                    $"Element {Where(i, shape)}: expected {e:R}, actual {a:R}, |diff| = {Math.Abs(a - e):G3} exceeds {tolerance.Name} (abs {tolerance.Absolute:G3} + rel {tolerance.Relative:G3}·|expected|)."));
        }
    }

    /// <summary>Asserts two tensors hold exactly the same elements and shape (any type, including bool).</summary>
    public static void Equal<T>(Tensor<T> expected, Tensor<T> actual) where T : unmanaged, IEquatable<T>
    {
        if (!expected.Shape.SequenceEqual(actual.Shape))
            throw new TensorAssertException($"Shapes differ: expected {Shapes.Format(expected.Shape)}, actual {Shapes.Format(actual.Shape)}.");
        var e = expected.ToArray();
        var a = actual.ToArray();
        for (int i = 0; i < e.Length; i++)
            if (!e[i].Equals(a[i]))
                throw new TensorAssertException($"Element {Where(i, expected.ShapeArray())}: expected {e[i]}, actual {a[i]}.");
    }

    private static string Where(int flat, int[]? shape)
    {
        if (shape is null || shape.Length == 0) return $"[{flat}]";
        var idx = new int[shape.Length];
        for (int k = shape.Length - 1; k >= 0; k--)
        {
            idx[k] = shape[k] == 0 ? 0 : flat % shape[k];
            flat = shape[k] == 0 ? 0 : flat / shape[k];
        }
        return "[" + string.Join(", ", idx) + "]";
    }
}

/// <summary>Thrown by <see cref="TensorAssert"/> when values differ beyond tolerance.</summary>
public sealed class TensorAssertException : Exception
{
    /// <summary>Creates the exception with a description of the mismatch.</summary>
    public TensorAssertException(string message) : base(message) { }
}
