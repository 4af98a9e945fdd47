using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = tan x</c>. Special values: tan(±0) = ±0, tan(±∞) = NaN. Derivative: ∂y/∂x = 1 + y².
/// </summary>
public readonly struct TanOperator<T> : IUnaryOperator<TanOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "tan";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Tan(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Tan(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = tan x</c> into a new tensor (see <see cref="TanOperator{T}"/>).</summary>
        public Tensor<T> Tan() => Autograd.Record(Elementwise.Unary<T, TanOperator<T>>(x), "tan", x, static (g, n) => g * (n.Output.Square() + T.One));
        /// <summary>In-place <c>y = tan x</c> through x's strides; returns x.</summary>
        public Tensor<T> TanInPlace() => Elementwise.UnaryInPlace<T, TanOperator<T>>(x);
    }
}
