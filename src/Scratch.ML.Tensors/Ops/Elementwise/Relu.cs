using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = max(x, 0)</c>. Special values: relu(NaN) = NaN (propagated, as PyTorch), relu(−0) = +0, relu(+∞) = +∞. Derivative: ∂y/∂x = 1 for x &gt; 0, else 0.
/// </summary>
/// <remarks>TensorPrimitives.Max propagates NaN and orders −0 below +0, which gives exactly the scalar definition.</remarks>
public readonly struct ReluOperator<T> : IUnaryOperator<ReluOperator<T>, T> where T : INumber<T>
{
    /// <inheritdoc />
    public static string Name => "relu";
    /// <inheritdoc />
    public static T Invoke(T x) => T.IsNaN(x) || x > T.Zero ? x : T.Zero;
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> x, Span<T> y) => TensorPrimitives.Max(x, T.Zero, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise <c>y = max(x</c> into a new tensor (see <see cref="ReluOperator{T}"/>).</summary>
        public Tensor<T> Relu() => Autograd.Record(Elementwise.Unary<T, ReluOperator<T>>(x), "relu", x, static (g, n) => g * n.Output.Gt(T.Zero).Cast<T>());
        /// <summary>In-place <c>y = max(x</c> through x's strides; returns x.</summary>
        public Tensor<T> ReluInPlace() => Elementwise.UnaryInPlace<T, ReluOperator<T>>(x);
    }
}
