using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary><c>y = Σ|xᵢ|</c> (L1 norm), summed pairwise like <see cref="SumOperator{T}"/>. Empty → 0. Derivative: sign(xᵢ).</summary>
public readonly struct L1NormOperator<T> : IReduceOperator<L1NormOperator<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "norm1";
    /// <inheritdoc />
    public static T Identity => T.Zero;
    /// <inheritdoc />
    public static T Map(T x) => T.Abs(x);
    /// <inheritdoc />
    public static T Combine(T a, T b) => a + b;
    /// <inheritdoc />
    public static T Reduce(ReadOnlySpan<T> x)
    {
        if (x.Length <= SumOperator<T>.LeafBlock) return TensorPrimitives.SumOfMagnitudes(x);
        int half = (x.Length + SumOperator<T>.LeafBlock - 1) / SumOperator<T>.LeafBlock / 2 * SumOperator<T>.LeafBlock;
        return Reduce(x[..half]) + Reduce(x[half..]);
    }
    /// <inheritdoc />
    public static void Start(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Abs(x, acc);
    /// <inheritdoc />
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc)
    {
        Span<T> a = stackalloc T[256];
        for (int i = 0; i < x.Length; i += a.Length)
        {
            int n = Math.Min(a.Length, x.Length - i);
            TensorPrimitives.Abs(x.Slice(i, n), a[..n]);
            TensorPrimitives.Add(a[..n], acc.Slice(i, n), acc.Slice(i, n));
        }
    }
    /// <inheritdoc />
    public static void Merge(ReadOnlySpan<T> partial, Span<T> acc) => TensorPrimitives.Add(partial, acc, acc);
}

/// <summary>
/// <c>y = √Σxᵢ²</c> (L2 / Frobenius norm), squares summed pairwise; no rescaling, so |x| above √max overflows as in
/// NumPy's <c>norm</c>. Empty → 0.
/// </summary>
public readonly struct L2NormOperator<T> : IReduceOperator<L2NormOperator<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "norm2";
    /// <inheritdoc />
    public static T Identity => T.Zero;
    /// <inheritdoc />
    public static T Map(T x) => x * x;
    /// <inheritdoc />
    public static T Combine(T a, T b) => a + b;
    /// <inheritdoc />
    public static T Reduce(ReadOnlySpan<T> x)
    {
        if (x.Length <= SumOperator<T>.LeafBlock) return TensorPrimitives.SumOfSquares(x);
        int half = (x.Length + SumOperator<T>.LeafBlock - 1) / SumOperator<T>.LeafBlock / 2 * SumOperator<T>.LeafBlock;
        return Reduce(x[..half]) + Reduce(x[half..]);
    }
    /// <inheritdoc />
    public static void Start(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Multiply(x, x, acc);
    /// <inheritdoc />
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.FusedMultiplyAdd(x, x, acc, acc);
    /// <inheritdoc />
    public static void Merge(ReadOnlySpan<T> partial, Span<T> acc) => TensorPrimitives.Add(partial, acc, acc);
    /// <inheritdoc />
    public static void Finish(Span<T> y, int count) => TensorPrimitives.Sqrt(y, y);
}

/// <summary>
/// <c>y = max|xᵢ|</c> (∞-norm). Combines by magnitude keeping the sign (so the map is the identity) and takes |·| at
/// the end. NaN propagates; empty throws, as in NumPy.
/// </summary>
public readonly struct MaxAbsOperator<T> : IReduceOperator<MaxAbsOperator<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "norm_inf";
    /// <inheritdoc />
    public static T Identity => T.Zero;
    /// <inheritdoc />
    public static bool RequiresNonEmpty => true;
    /// <inheritdoc />
    public static T Combine(T a, T b) => T.IsNaN(a) || T.IsNaN(b) ? T.NaN : T.MaxMagnitude(a, b);
    /// <inheritdoc />
    public static T Reduce(ReadOnlySpan<T> x) => TensorPrimitives.MaxMagnitude(x);
    /// <inheritdoc />
    public static void Start(ReadOnlySpan<T> x, Span<T> acc) => x.CopyTo(acc);
    /// <inheritdoc />
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.MaxMagnitude(acc, x, acc);
    /// <inheritdoc />
    public static void Merge(ReadOnlySpan<T> partial, Span<T> acc) => TensorPrimitives.MaxMagnitude(acc, partial, acc);
    /// <inheritdoc />
    public static void Finish(Span<T> y, int count) => TensorPrimitives.Abs(y, y);
}

/// <summary><c>y = min|xᵢ|</c> (the −∞ "norm"). NaN propagates; empty throws.</summary>
public readonly struct MinAbsOperator<T> : IReduceOperator<MinAbsOperator<T>, T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "norm_-inf";
    /// <inheritdoc />
    public static T Identity => T.Zero;
    /// <inheritdoc />
    public static bool RequiresNonEmpty => true;
    /// <inheritdoc />
    public static T Combine(T a, T b) => T.IsNaN(a) || T.IsNaN(b) ? T.NaN : T.MinMagnitude(a, b);
    /// <inheritdoc />
    public static T Reduce(ReadOnlySpan<T> x) => TensorPrimitives.MinMagnitude(x);
    /// <inheritdoc />
    public static void Start(ReadOnlySpan<T> x, Span<T> acc) => x.CopyTo(acc);
    /// <inheritdoc />
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.MinMagnitude(acc, x, acc);
    /// <inheritdoc />
    public static void Merge(ReadOnlySpan<T> partial, Span<T> acc) => TensorPrimitives.MinMagnitude(acc, partial, acc);
    /// <inheritdoc />
    public static void Finish(Span<T> y, int count) => TensorPrimitives.Abs(y, y);
}

/// <summary>
/// <c>y = (Σ|xᵢ|ᵖ)^(1/p)</c> for any other p (p = 0 counts the non-zero elements, as NumPy's <c>ord=0</c>), with the
/// powers summed in float64 over blocks of 256.
/// </summary>
/// <param name="p">The order.</param>
public readonly struct PNormOperator<T>(T p) : IRowReduceOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public string Name => "norm";

    /// <inheritdoc />
    public T Reduce(ReadOnlySpan<T> row)
    {
        if (T.IsZero(p))
        {
            int nonzero = 0;
            foreach (T v in row) if (!T.IsZero(v)) nonzero++;
            return T.CreateChecked(nonzero);
        }
        Span<T> a = stackalloc T[256];
        double sum = 0;
        for (int i = 0; i < row.Length; i += a.Length)
        {
            int n = Math.Min(a.Length, row.Length - i);
            TensorPrimitives.Abs(row.Slice(i, n), a[..n]);
            TensorPrimitives.Pow(a[..n], p, a[..n]);
            sum += double.CreateTruncating(TensorPrimitives.Sum<T>(a[..n]));
        }
        return T.CreateTruncating(Math.Pow(sum, 1.0 / double.CreateTruncating(p)));
    }
}

public static partial class Tensor
{
    /// <summary>
    /// VJP of the vector p-norm y = ‖x‖ₚ over the reduced axes, following PyTorch's <c>linalg_vector_norm_backward</c>:
    /// <list type="bullet">
    /// <item>p = 2: gx = g·x/y, and 0 where y = 0 (the minimum-norm subgradient);</item>
    /// <item>p = 1: gx = g·sign(x) (0 at x = 0);</item>
    /// <item>p = ±∞: gx = g·sign(x) at the elements with |x| = y, split evenly between ties (NaN elements count as hits);</item>
    /// <item>p = 0: gx = 0 (a count is piecewise constant);</item>
    /// <item>other p: gx = g·sign(x)|x|^(p−1)/y^(p−1) (0 where y = 0); for p &lt; 1 written as g·sign(x)|x|^(p−1)·y^(1−p)
    /// with 0 at x = 0.</item>
    /// </list>
    /// The sign and tie masks are constants; p = 2 differentiates again through Mul/Div; the general-p form relies on
    /// the VJPs of Abs and Pow for second derivatives.
    /// </summary>
    private static Tensor<T> NormVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = n.State<ReductionGradState>();
        double p = (double)s.Extra!;
        var x = n.Input(0);
        var gk = g.Reshape(s.KeepShape);
        var y = n.Output.Reshape(s.KeepShape);
        if (p == 0) return Tensor.ZerosLike(x);
        Tensor<T> sign, yZero;
        using (Autograd.NoGrad())
        {
            sign = x.Detach().Sign();
            yZero = y.Detach().Eq(T.Zero).Cast<T>();
        }
        if (p == 1) return gk * sign;
        if (double.IsInfinity(p))
        {
            Tensor<T> share;
            using (Autograd.NoGrad())
            {
                var mag = x.Detach().Abs();
                var hit = mag.Eq(y.Detach()).Or(mag.IsNaN()).Cast<T>();
                share = sign * hit / hit.Sum(s.Axes, keepDims: true);
            }
            return gk * share;
        }
        var keep = Tensor.OnesLike(yZero) - yZero;
        if (p == 2) return x * (gk / (y + yZero) * keep);
        T tp = T.CreateChecked(p);
        if (p < 1)
        {
            Tensor<T> xNonZero;
            using (Autograd.NoGrad()) xNonZero = x.Detach().Ne(T.Zero).Cast<T>();
            // |x|^(p−1) is infinite at x = 0: evaluate it at |x| + [x=0] (= 1 there) and clear those entries.
            var scaled = sign * (x.Abs() + (Tensor.OnesLike(xNonZero) - xNonZero)).Pow(tp - T.One) * xNonZero;
            return scaled * gk * y.Pow(T.One - tp);
        }
        var self = p < 2 ? sign * x.Abs().Pow(tp - T.One) : x * x.Abs().Pow(tp - T.CreateChecked(2));
        return self * (gk / (y + yZero).Pow(tp - T.One) * keep);
    }

    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The L2 (Frobenius) norm of all elements, <c>√Σxᵢ²</c>, as a 0-d tensor.</summary>
        public Tensor<T> Norm() => Norm(x, 2.0, ReadOnlySpan<int>.Empty, false);

        /// <summary>
        /// The vector p-norm of all elements (PyTorch <c>linalg.vector_norm</c>): p = 2 Euclidean/Frobenius, 1 sum of
        /// magnitudes, ∞ max |x|, −∞ min |x|, 0 count of non-zeros, otherwise <c>(Σ|xᵢ|ᵖ)^(1/p)</c>.
        /// </summary>
        /// <exception cref="ArgumentException">p is NaN, or p = ±∞ and the tensor is empty.</exception>
        public Tensor<T> Norm(double p) => Norm(x, p, ReadOnlySpan<int>.Empty, false);

        /// <summary>The vector p-norm along one axis.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<T> Norm(double p, int axis, bool keepDims = false) => Norm(x, p, [axis], keepDims);

        /// <summary>The vector p-norm over several axes (empty = all axes); p = 2 over a matrix's two axes is the Frobenius norm.</summary>
        /// <exception cref="ArgumentException">p is NaN, an axis is repeated, or p = ±∞ over an empty axis.</exception>
        public Tensor<T> Norm(double p, ReadOnlySpan<int> axes, bool keepDims = false)
        {
            if (double.IsNaN(p)) throw new ArgumentException("Norm: the order p must not be NaN.", nameof(p));
            Tensor<T> y;
            if (p == 2) y = Reductions.Reduce<T, L2NormOperator<T>>(x, axes, keepDims);
            else if (p == 1) y = Reductions.Reduce<T, L1NormOperator<T>>(x, axes, keepDims);
            else if (double.IsPositiveInfinity(p)) y = Reductions.Reduce<T, MaxAbsOperator<T>>(x, axes, keepDims);
            else if (double.IsNegativeInfinity(p)) y = Reductions.Reduce<T, MinAbsOperator<T>>(x, axes, keepDims);
            else y = Reductions.ReduceRows(x, axes, keepDims, new PNormOperator<T>(T.CreateChecked(p)));
            return Reductions.RecordReduce(y, "norm", x, axes, NormVjp, p);
        }
    }
}
