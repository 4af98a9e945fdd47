using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = arsinh x = ln(x + √(x² + 1))</c>. Special values: asinh(±0) = ±0, asinh(±∞) = ±∞. Derivative: ∂y/∂x = 1/√(x² + 1).
/// </summary>
public readonly struct AsinhOperator<T> : IUnaryOperator<AsinhOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "asinh";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Asinh(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Asinh(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = arsinh x = ln(x + √(x² + 1))</c> into a new tensor (see <see cref="AsinhOperator{T}"/>).</summary>
        public Tensor<T> Asinh() => Autograd.Record(Elementwise.Unary<T, AsinhOperator<T>>(x), "asinh", x, static (g, n) => g * (n.Input(0).Square() + T.One).Rsqrt());
        /// <summary>In-place <c>y = arsinh x = ln(x + √(x² + 1))</c> through x's strides; returns x.</summary>
        public Tensor<T> AsinhInPlace() => Elementwise.UnaryInPlace<T, AsinhOperator<T>>(x);
    }
}
