using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = ⌊x⌋</c>. Special values: floor(±0) = ±0, floor(±∞) = ±∞, floor(−0.5) = −1. Derivative: ∂y/∂x = 0 (almost everywhere).
/// </summary>
public readonly struct FloorOperator<T> : IUnaryOperator<FloorOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "floor";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Floor(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Floor(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = ⌊x⌋</c> into a new tensor (see <see cref="FloorOperator{T}"/>).</summary>
        public Tensor<T> Floor() => Autograd.Record(Elementwise.Unary<T, FloorOperator<T>>(x), "floor", x, static (g, n) => Tensor.ZerosLike(g));
        /// <summary>In-place <c>y = ⌊x⌋</c> through x's strides; returns x.</summary>
        public Tensor<T> FloorInPlace() => Elementwise.UnaryInPlace<T, FloorOperator<T>>(x);
    }
}
