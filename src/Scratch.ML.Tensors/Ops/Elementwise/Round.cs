using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = x rounded to the nearest integer, halves to even (as torch.round and numpy.round: round(0.5) = 0, round(1.5) = 2, round(2.5) = 2)</c>. Special values: round(±0) = ±0, round(−0.5) = −0, round(±∞) = ±∞. Derivative: ∂y/∂x = 0 (almost everywhere).
/// </summary>
public readonly struct RoundOperator<T> : IUnaryOperator<RoundOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "round";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Round(x, MidpointRounding.ToEven);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Round(x, MidpointRounding.ToEven, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = round(x)</c> into a new tensor (see <see cref="RoundOperator{T}"/>).</summary>
        public Tensor<T> Round() => Autograd.Record(Elementwise.Unary<T, RoundOperator<T>>(x), "round", x, static (g, n) => Tensor.ZerosLike(g));
        /// <summary>In-place <c>y = round(x)</c> through x's strides; returns x.</summary>
        public Tensor<T> RoundInPlace() => Elementwise.UnaryInPlace<T, RoundOperator<T>>(x);
    }
}
