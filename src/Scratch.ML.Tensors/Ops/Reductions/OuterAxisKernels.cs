using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

// Elementwise helpers for row operators evaluated column-wise along an outer (non-unit-stride) axis: softmax,
// log-softmax, variance. Along such an axis a row's elements are far apart in memory, but whole memory rows are
// contiguous, so the op is rewritten as reductions (row-accumulation path of Cpu/ReduceDriver.cs) plus broadcast
// elementwise passes (Cpu/BinaryDriver.cs): every pass streams contiguous memory, nothing is transposed.

/// <summary><c>y = a − b</c> (internal: log-softmax's final shift).</summary>
internal readonly struct OuterDifferenceOperator<T> : IBinaryOperator<OuterDifferenceOperator<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static string Name => "outer_difference";
    public static T Invoke(T a, T b) => a - b;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Subtract(a, b, y);
}

/// <summary><c>y = a + log b</c> (internal: log-softmax's normaliser m + log Σ exp(x − m)).</summary>
internal readonly struct AddLogOperator<T> : IBinaryOperator<AddLogOperator<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static string Name => "add_log";
    public static T Invoke(T a, T b) => a + T.Log(b);
}

/// <summary><c>y = (a − b)²</c> (internal: variance's squared deviations from the broadcast mean).</summary>
internal readonly struct SquaredDeviationOperator<T> : IBinaryOperator<SquaredDeviationOperator<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static string Name => "squared_deviation";
    public static T Invoke(T a, T b) => (a - b) * (a - b);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y)
    {
        TensorPrimitives.Subtract(a, b, y);
        TensorPrimitives.Multiply(y, y, y);
    }
}

/// <summary><c>y = a·b</c>, or <c>√(a·b)</c> for the standard deviation (internal: variance's final scaling).</summary>
internal readonly struct ScaleOperator<T> : IBinaryOperator<ScaleOperator<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static string Name => "scale";
    public static T Invoke(T a, T b) => a * b;
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> y) => TensorPrimitives.Multiply(a, b, y);
}

/// <summary><c>y = √(a·b)</c> (internal: the standard deviation's final scaling).</summary>
internal readonly struct ScaledSqrtOperator<T> : IBinaryOperator<ScaledSqrtOperator<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static string Name => "scaled_sqrt";
    public static T Invoke(T a, T b) => T.Sqrt(a * b);
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> y)
    {
        TensorPrimitives.Multiply(a, b, y);
        TensorPrimitives.Sqrt(y, y);
    }
}

/// <summary>The column-wise formulations, used when the reduced axis does not have unit stride.</summary>
internal static class OuterAxis
{
    /// <summary>Whether a row operator along <paramref name="axis"/> should run column-wise.</summary>
    public static bool Applies<T>(Tensor<T> x, int axis) where T : unmanaged
        => x.Length > 0 && x.strides[axis] != 1 && x.shape[axis] > 1 && x.Length / x.shape[axis] > 1;

    /// <summary>log-softmax = x − (m + log Σ exp(x − m)), m the max over the axis.</summary>
    public static Tensor<T> LogSoftmax<T>(Tensor<T> x, int axis) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = Reductions.Reduce<T, MaxOperator<T>>(x, [axis], keepDims: true);
        var e = Elementwise.Binary<T, ShiftedExpOperator<T>>(x, m);
        var s = Reductions.Reduce<T, SumOperator<T>>(e, [axis], keepDims: true);
        var normaliser = Elementwise.Binary<T, AddLogOperator<T>>(m, s);
        return Elementwise.Binary<T, OuterDifferenceOperator<T>>(x, normaliser);
    }

    /// <summary>
    /// log Σ exp(x) over one axis = m + log Σ exp(x − m), m the max over the axis. Where m is ±∞ the row path's zero
    /// shift is needed instead, so callers use this only when every element is finite (checked with the max and min).
    /// </summary>
    public static Tensor<T> LogSumExp<T>(Tensor<T> x, int axis, bool keepDims) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = Reductions.Reduce<T, MaxOperator<T>>(x, [axis], keepDims: true);
        var e = Elementwise.Binary<T, ShiftedExpOperator<T>>(x, m);
        var s = Reductions.Reduce<T, SumOperator<T>>(e, [axis], keepDims: true);
        var y = Elementwise.Binary<T, AddLogOperator<T>>(m, s);
        return keepDims ? y : y.Reshape(Reductions.ReducedShape(x.Shape, [axis]));
    }

    /// <summary>Two-pass variance Σ(x − x̄)²/(n − ddof) over one axis (or its square root); n − ddof ≤ 0 gives NaN.</summary>
    public static Tensor<T> Variance<T>(Tensor<T> x, int axis, int ddof, bool standardDeviation, bool keepDims) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.shape[axis];
        var mean = Reductions.Reduce<T, MeanOperator<T>>(x, [axis], keepDims: true);
        var d2 = Elementwise.Binary<T, SquaredDeviationOperator<T>>(x, mean);
        var s = Reductions.Reduce<T, SumOperator<T>>(d2, [axis], keepDims);
        T scale = n - ddof > 0 ? T.One / T.CreateChecked(n - ddof) : T.NaN;
        return standardDeviation ? Elementwise.BinaryScalar<T, ScaledSqrtOperator<T>>(s, scale) : Elementwise.BinaryScalar<T, ScaleOperator<T>>(s, scale);
    }
}
