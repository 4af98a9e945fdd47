using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = x₀ ∨ x₁ ∨ …</c> over booleans (false for zero elements). Kernels view the booleans as bytes (0 or 1) and
/// use vectorised byte search and bitwise OR.
/// </summary>
public readonly struct AnyOperator : IReduceOperator<AnyOperator, bool>
{
    /// <inheritdoc />
    public static string Name => "any";
    /// <inheritdoc />
    public static bool Identity => false;
    /// <inheritdoc />
    public static bool Combine(bool a, bool b) => a | b;
    /// <inheritdoc />
    public static bool Reduce(ReadOnlySpan<bool> x) => MemoryMarshal.AsBytes(x).IndexOfAnyExcept((byte)0) >= 0;
    /// <inheritdoc />
    public static void Start(ReadOnlySpan<bool> x, Span<bool> acc) => x.CopyTo(acc);
    /// <inheritdoc />
    public static void Accumulate(ReadOnlySpan<bool> x, Span<bool> acc)
        => TensorPrimitives.BitwiseOr(MemoryMarshal.AsBytes(x), MemoryMarshal.AsBytes(acc), MemoryMarshal.AsBytes(acc));
    /// <inheritdoc />
    public static void Merge(ReadOnlySpan<bool> partial, Span<bool> acc) => Accumulate(partial, acc);
}

/// <summary><c>y = x₀ ∧ x₁ ∧ …</c> over booleans (true for zero elements).</summary>
public readonly struct AllOperator : IReduceOperator<AllOperator, bool>
{
    /// <inheritdoc />
    public static string Name => "all";
    /// <inheritdoc />
    public static bool Identity => true;
    /// <inheritdoc />
    public static bool Combine(bool a, bool b) => a & b;
    /// <inheritdoc />
    public static bool Reduce(ReadOnlySpan<bool> x) => MemoryMarshal.AsBytes(x).IndexOf((byte)0) < 0;
    /// <inheritdoc />
    public static void Start(ReadOnlySpan<bool> x, Span<bool> acc) => x.CopyTo(acc);
    /// <inheritdoc />
    public static void Accumulate(ReadOnlySpan<bool> x, Span<bool> acc)
        => TensorPrimitives.BitwiseAnd(MemoryMarshal.AsBytes(x), MemoryMarshal.AsBytes(acc), MemoryMarshal.AsBytes(acc));
    /// <inheritdoc />
    public static void Merge(ReadOnlySpan<bool> partial, Span<bool> acc) => Accumulate(partial, acc);
}

public static partial class Tensor
{
    extension(Tensor<bool> x)
    {
        /// <summary>Whether any element is true, as a 0-d tensor (false for an empty tensor).</summary>
        public Tensor<bool> Any() => Reductions.Reduce<bool, AnyOperator>(x, default, false);

        /// <summary>Whether any element along one axis is true.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<bool> Any(int axis, bool keepDims = false) => Reductions.Reduce<bool, AnyOperator>(x, [axis], keepDims);

        /// <summary>Whether any element over several axes (empty = all axes) is true.</summary>
        /// <exception cref="ArgumentException">An axis is repeated.</exception>
        public Tensor<bool> Any(ReadOnlySpan<int> axes, bool keepDims = false) => Reductions.Reduce<bool, AnyOperator>(x, axes, keepDims);

        /// <summary>Whether every element is true, as a 0-d tensor (true for an empty tensor).</summary>
        public Tensor<bool> All() => Reductions.Reduce<bool, AllOperator>(x, default, false);

        /// <summary>Whether every element along one axis is true.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<bool> All(int axis, bool keepDims = false) => Reductions.Reduce<bool, AllOperator>(x, [axis], keepDims);

        /// <summary>Whether every element over several axes (empty = all axes) is true.</summary>
        /// <exception cref="ArgumentException">An axis is repeated.</exception>
        public Tensor<bool> All(ReadOnlySpan<int> axes, bool keepDims = false) => Reductions.Reduce<bool, AllOperator>(x, axes, keepDims);
    }
}
