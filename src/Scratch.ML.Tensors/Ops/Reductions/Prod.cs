using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = Π xᵢ</c>. Empty product = 1. Integer products wrap on overflow. Derivative: ∂y/∂xᵢ = Π_{j≠i} xⱼ.
/// </summary>
public readonly struct ProdOperator<T> : IReduceOperator<ProdOperator<T>, T> where T : INumber<T>
{
    /// <inheritdoc />
    public static string Name => "prod";
    /// <inheritdoc />
    public static T Identity => T.One;
    /// <inheritdoc />
    public static T Combine(T a, T b) => a * b;
    /// <inheritdoc />
    public static T Reduce(ReadOnlySpan<T> x) => TensorPrimitives.Product(x);
    /// <inheritdoc />
    public static void Start(ReadOnlySpan<T> x, Span<T> acc) => x.CopyTo(acc);
    /// <inheritdoc />
    public static void Accumulate(ReadOnlySpan<T> x, Span<T> acc) => TensorPrimitives.Multiply(x, acc, acc);
    /// <inheritdoc />
    public static void Merge(ReadOnlySpan<T> partial, Span<T> acc) => TensorPrimitives.Multiply(partial, acc, acc);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>The product of all elements, as a 0-d tensor. Empty → 1.</summary>
        public Tensor<T> Prod() => Reductions.Reduce<T, ProdOperator<T>>(x, default, false);

        /// <summary>The product along one axis.</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank).</exception>
        public Tensor<T> Prod(int axis, bool keepDims = false) => Reductions.Reduce<T, ProdOperator<T>>(x, [axis], keepDims);

        /// <summary>The product over several axes (empty = all axes).</summary>
        /// <exception cref="ArgumentException">An axis is repeated.</exception>
        public Tensor<T> Prod(ReadOnlySpan<int> axes, bool keepDims = false) => Reductions.Reduce<T, ProdOperator<T>>(x, axes, keepDims);
    }
}
