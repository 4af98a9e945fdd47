using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary><c>y = Σ|xᵢ|</c> (L1 norm), summed pairwise like <see cref="SumOperator{T}"/>. Empty → 0.</summary>
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
            if (p == 2) return Reductions.Reduce<T, L2NormOperator<T>>(x, axes, keepDims);
            if (p == 1) return Reductions.Reduce<T, L1NormOperator<T>>(x, axes, keepDims);
            if (double.IsPositiveInfinity(p)) return Reductions.Reduce<T, MaxAbsOperator<T>>(x, axes, keepDims);
            if (double.IsNegativeInfinity(p)) return Reductions.Reduce<T, MinAbsOperator<T>>(x, axes, keepDims);
            return Reductions.ReduceRows(x, axes, keepDims, new PNormOperator<T>(T.CreateChecked(p)));
        }
    }
}
