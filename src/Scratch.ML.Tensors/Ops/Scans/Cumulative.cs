using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// Inclusive prefix sum <c>yᵢ = Σ_{j≤i} xⱼ</c> along a row, accumulated left to right in T (as NumPy's
/// <c>cumsum</c>). Derivative (VJP): gx = reverse-cumsum(gy).
/// </summary>
public readonly struct CumsumOperator<T> : IRowTransformOperator<T> where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public string Name => "cumsum";

    /// <inheritdoc />
    public void Transform(ReadOnlySpan<T> x, Span<T> y)
    {
        T acc = T.Zero;
        for (int i = 0; i < x.Length; i++) y[i] = acc += x[i];
    }
}

/// <summary>Inclusive prefix product <c>yᵢ = Π_{j≤i} xⱼ</c> along a row.</summary>
public readonly struct CumprodOperator<T> : IRowTransformOperator<T> where T : unmanaged, INumber<T>
{
    /// <inheritdoc />
    public string Name => "cumprod";

    /// <inheritdoc />
    public void Transform(ReadOnlySpan<T> x, Span<T> y)
    {
        T acc = T.One;
        for (int i = 0; i < x.Length; i++) y[i] = acc *= x[i];
    }
}

/// <summary>
/// <c>yᵢ = log Σ_{j≤i} exp(xⱼ)</c> along a row, as a running stable log-add-exp:
/// <c>logaddexp(a, b) = max(a, b) + log1p(exp(−|a − b|))</c> (−∞ is the identity). Never overflows.
/// </summary>
public readonly struct LogCumSumExpOperator<T> : IRowTransformOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public string Name => "logcumsumexp";

    /// <inheritdoc />
    public void Transform(ReadOnlySpan<T> x, Span<T> y)
    {
        T acc = T.NegativeInfinity;
        for (int i = 0; i < x.Length; i++) y[i] = acc = LogAddExp(acc, x[i]);
    }

    /// <summary>The stable <c>log(exp(a) + exp(b))</c>.</summary>
    public static T LogAddExp(T a, T b)
    {
        if (T.IsNaN(a) || T.IsNaN(b)) return T.NaN;
        if (T.IsNegativeInfinity(a)) return b;
        if (T.IsNegativeInfinity(b)) return a;
        T m = T.Max(a, b);
        if (T.IsPositiveInfinity(m)) return m;
        return m + T.LogP1(T.Exp(-T.Abs(a - b)));
    }
}

/// <summary><c>y = a·b</c> (internal: the step of a cumulative product along an outer axis).</summary>
internal readonly struct ScanProductOperator<T> : IBinaryOperator<ScanProductOperator<T>, T> where T : unmanaged, INumber<T>
{
    public static string Name => "cumprod_step";
    public static T Invoke(T a, T b) => a * b;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Multiply(a, b, y);
}

/// <summary><c>y = logaddexp(a, b)</c> (internal: the step of a cumulative log-sum-exp along an outer axis).</summary>
internal readonly struct ScanLogAddExpOperator<T> : IBinaryOperator<ScanLogAddExpOperator<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    public static string Name => "logcumsumexp_step";
    public static T Invoke(T a, T b) => LogCumSumExpOperator<T>.LogAddExp(a, b);
}

public static partial class Tensor
{
    /// <summary>
    /// A scan along an outer axis whose inner slabs are long: <c>y = copy of x</c>, then slab by slab
    /// <c>y[i] = y[i] ⊕ y[i − 1]</c> with a vectorised elementwise op over the whole slab (e.g. a row of a matrix for
    /// axis 0) — the scan runs across rows instead of transposing each column into a buffer.
    /// </summary>
    private static Tensor<T> ScanAlong<T, TStep, TRow>(Tensor<T> x, int axis, TRow rowOp)
        where T : unmanaged where TStep : struct, IBinaryOperator<TStep, T> where TRow : struct, IRowTransformOperator<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0) return Reductions.TransformRows(x, axis, rowOp);
        int a = Shapes.NormalizeAxis(axis, x.Rank);
        long slab = 1;
        for (int i = a + 1; i < x.Rank; i++) slab *= x.shape[i];
        if (!OuterAxis.Applies(x, a) || slab < 64) return Reductions.TransformRows(x, a, rowOp);
        var y = x.Clone();
        for (int i = 1; i < x.shape[a]; i++)
            Elementwise.BinaryInPlace<T, TStep>(y.Select(a, i), y.Select(a, i - 1));
        return y;
    }

    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>The cumulative sum along <paramref name="axis"/> (same shape as x).</summary>
        /// <remarks>Along an outer axis with long inner slabs it runs slab by slab: <c>y[i] += y[i − 1]</c> over whole rows.</remarks>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        /// <remarks>Gradient: the reverse cumulative sum of the gradient, <c>flip(cumsum(flip(g)))</c>.</remarks>
        public Tensor<T> CumSum(int axis)
        {
            var y = ScanAlong<T, AddOperator<T>, CumsumOperator<T>>(x.Detach(), axis, new CumsumOperator<T>());
            if (!Autograd.IsRecording(x)) return y;
            return Autograd.Record(y, "cumsum", x, static (g, n) => ScanGrads.ReverseCumSum(g, n.State<int>()), ScanGrads.Axis(x, axis));
        }

        /// <summary>The cumulative product along <paramref name="axis"/> (same shape as x).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        /// <remarks>Gradient: <c>gxₖ = Σ_{i≥k} gᵢ Π_{j≤i, j≠k} xⱼ</c>. Without zeros in x this is
        /// <c>reverse-cumsum(g·y) / x</c>; when x holds a zero the backward pass switches to the division-free
        /// recurrence <c>gxₖ = yₖ₋₁·Sₖ</c>, <c>Sₖ = gₖ + xₖ₊₁·Sₖ₊₁</c> (one step per position), which is exact.</remarks>
        public Tensor<T> CumProd(int axis)
        {
            var y = ScanAlong<T, ScanProductOperator<T>, CumprodOperator<T>>(x.Detach(), axis, new CumprodOperator<T>());
            if (!Autograd.IsRecording(x)) return y;
            return Autograd.Record(y, "cumprod", x, static (g, n) => ScanGrads.CumProd(g, n.Input(0), n.Output, n.State<int>()), ScanGrads.Axis(x, axis));
        }
    }

    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The cumulative log-sum-exp along <paramref name="axis"/>, computed stably.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        /// <remarks>Gradient: <c>gxₖ = Σ_{i≥k} gᵢ exp(xₖ − yᵢ)</c>. A plain backward pass uses PyTorch's stable form
        /// <c>exp(x + revlogcumsumexp(log g⁺ − y)) − exp(x + revlogcumsumexp(log g⁻ − y))</c>. When the backward pass is
        /// itself recorded (<c>createGraph</c>) it uses <c>exp(x − c)·reverse-cumsum(g·exp(c − y))</c> with c the row's
        /// last (largest) value if the row's spread of y cannot overflow, and otherwise a masked (n × n) sum whose
        /// exponents are all ≤ 0.</remarks>
        public Tensor<T> LogCumSumExp(int axis)
        {
            var y = ScanAlong<T, ScanLogAddExpOperator<T>, LogCumSumExpOperator<T>>(x.Detach(), axis, new LogCumSumExpOperator<T>());
            if (!Autograd.IsRecording(x)) return y;
            return Autograd.Record(y, "logcumsumexp", x, static (g, n) => ScanGrads.LogCumSumExp(g, n.Input(0), n.Output, n.State<int>()), ScanGrads.Axis(x, axis));
        }
    }
}
