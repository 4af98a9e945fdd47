namespace Scratch.ML.Tests.Copying;

/// <summary>How a test input is laid out in storage; the logical values are what the reference loops read.</summary>
public enum Layout
{
    /// <summary>Row-major, offset 0.</summary>
    Contiguous,
    /// <summary>Stored with the axes reversed, then permuted back (column-major-like strides).</summary>
    Transposed,
    /// <summary>Every other element of a wider buffer, starting at offset 1 (last-axis stride 2).</summary>
    Strided,
    /// <summary>Every axis reversed through a negative-stride view.</summary>
    Negative,
    /// <summary>Axis 0 expanded from size 1 (stride 0), so rows repeat.</summary>
    Broadcast,
}

/// <summary>
/// Builders of test tensors in every <see cref="Layout"/> and dtype, plus explicit index arithmetic (ravel/unravel)
/// for the scalar reference loops. References always read <c>input.ToArray()</c>, the logical row-major values.
/// </summary>
public static class TestTensors
{
    public static readonly int[][] Shapes =
    [
        [], [0], [1], [5], [3, 4], [1, 5], [4, 1], [2, 0, 3], [2, 3, 4], [3, 1, 2, 2],
    ];

    public static readonly Layout[] Layouts = Enum.GetValues<Layout>();

    public static readonly DType[] DTypes = [DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.Bool];

    /// <summary>A deterministic value for position k: distinct-ish numbers, and a mix of true/false for bool.</summary>
    public static T V<T>(int k) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return (T)(object)(float)(k * 0.5f - 3f);
        if (typeof(T) == typeof(double)) return (T)(object)(k * 0.25 - 2.0);
        if (typeof(T) == typeof(int)) return (T)(object)(k * 3 - 7);
        if (typeof(T) == typeof(long)) return (T)(object)(k * 5L - 11);
        if (typeof(T) == typeof(bool)) return (T)(object)(k % 3 == 1);
        if (typeof(T) == typeof(byte)) return (T)(object)(byte)(k * 7);
        throw new NotSupportedException(typeof(T).Name);
    }

    /// <summary>A tensor of <paramref name="shape"/> with the given layout and values V(seed + 7i + …).</summary>
    public static Tensor<T> Make<T>(int[] shape, Layout layout, int seed = 0) where T : unmanaged
    {
        int n = ML.Shapes.Numel(shape);
        T[] Data(int count)
        {
            var d = new T[count];
            for (int i = 0; i < count; i++) d[i] = V<T>(seed + 7 * i % 101 + i);
            return d;
        }
        if (shape.Length == 0) return Tensor.Scalar(V<T>(seed + 3));
        switch (layout)
        {
            case Layout.Transposed:
                var rev = shape.Reverse().ToArray();
                var perm = Enumerable.Range(0, shape.Length).Reverse().ToArray();
                return Tensor.FromSpan<T>(Data(n), rev).Permute(perm);
            case Layout.Strided:
                var wide = (int[])shape.Clone();
                wide[^1] = 2 * shape[^1] + 1;
                return Tensor.FromSpan<T>(Data(ML.Shapes.Numel(wide)), wide).Slice(-1, 1, null, 2);
            case Layout.Negative:
                return Tensor.FromSpan<T>(Data(n), shape).FlipView();
            case Layout.Broadcast:
                var baseShape = (int[])shape.Clone();
                baseShape[0] = Math.Min(1, shape[0]);
                return Tensor.FromSpan<T>(Data(ML.Shapes.Numel(baseShape)), baseShape).Expand(shape);
            default:
                return Tensor.FromSpan<T>(Data(n), shape);
        }
    }

    /// <summary>The multi-index of row-major position <paramref name="flat"/>.</summary>
    public static int[] Unravel(int flat, int[] shape)
    {
        var idx = new int[shape.Length];
        for (int k = shape.Length - 1; k >= 0; k--)
        {
            idx[k] = flat % shape[k];
            flat /= shape[k];
        }
        return idx;
    }

    /// <summary>The row-major position of a multi-index.</summary>
    public static int Ravel(int[] idx, int[] shape)
    {
        int flat = 0;
        for (int k = 0; k < shape.Length; k++) flat = flat * shape[k] + idx[k];
        return flat;
    }

    /// <summary>Exact equality of shape and values (bit patterns not needed: values are exact in every dtype).</summary>
    public static void AssertSame<T>(int[] expectedShape, T[] expected, Tensor<T> actual, string what) where T : unmanaged
    {
        if (!expectedShape.SequenceEqual(actual.ShapeArray()))
            throw new Xunit.Sdk.XunitException($"{what}: shape {ML.Shapes.Format(actual.Shape)}, expected {ML.Shapes.Format(expectedShape)}.");
        var a = actual.ToArray();
        for (int i = 0; i < expected.Length; i++)
            if (!EqualityComparer<T>.Default.Equals(a[i], expected[i]))
                throw new Xunit.Sdk.XunitException($"{what}: element [{string.Join(", ", Unravel(i, expectedShape))}] is {a[i]}, expected {expected[i]}.");
    }

    /// <summary>Runs a generic test body for one dtype.</summary>
    public static void ForDType(DType dtype, ITypedTest test)
    {
        switch (dtype)
        {
            case DType.Float32: test.Run<float>(); break;
            case DType.Float64: test.Run<double>(); break;
            case DType.Int32: test.Run<int>(); break;
            case DType.Int64: test.Run<long>(); break;
            case DType.Bool: test.Run<bool>(); break;
            default: test.Run<byte>(); break;
        }
    }
}

/// <summary>A test body generic over the element type (dispatched by <see cref="TestTensors.ForDType"/>).</summary>
public interface ITypedTest
{
    void Run<T>() where T : unmanaged;
}
