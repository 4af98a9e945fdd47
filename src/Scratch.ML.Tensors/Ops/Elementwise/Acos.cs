using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = arccos x ∈ [0, π]</c>. Special values: acos(1) = +0, acos(|x| &gt; 1) = NaN. Derivative: ∂y/∂x = −1/√(1 − x²).
/// </summary>
public readonly struct AcosOperator<T> : IUnaryOperator<AcosOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "acos";
    /// <inheritdoc />
    public static T Invoke(T x) => T.Acos(x);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Acos(x, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = arccos x ∈ [0</c> into a new tensor (see <see cref="AcosOperator{T}"/>).</summary>
        public Tensor<T> Acos() => Autograd.Record(Elementwise.Unary<T, AcosOperator<T>>(x), "acos", x, static (g, n) => -(g * (T.One - n.Input(0).Square()).Rsqrt()));
        /// <summary>In-place <c>y = arccos x ∈ [0</c> through x's strides; returns x.</summary>
        public Tensor<T> AcosInPlace() => Elementwise.UnaryInPlace<T, AcosOperator<T>>(x);
    }
}
