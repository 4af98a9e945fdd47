using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = aᵇ</c>. Special values: IEEE 754 pow: pow(x, ±0) = 1 for every x (NaN too), pow(1, y) = 1, pow(x &lt; 0, non-integer) = NaN, pow(±0, y &lt; 0) = +∞ (±∞ for odd integer y). Derivative: ∂y/∂a = b·aᵇ⁻¹ (taken as 0 where b = 0), ∂y/∂b = aᵇ·ln a (taken as 0 where a = 0 and b ≥ 0), as PyTorch.
/// </summary>
public readonly struct PowOperator<T> : IBinaryOperator<PowOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "pow";
    /// <inheritdoc />
    public static T Invoke(T a, T b) => T.Pow(a, b);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Pow(a, b, y);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> y) => TensorPrimitives.Pow(a, b, y);
    /// <inheritdoc />
    public static void Invoke(T a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.Pow(a, b, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = aᵇ</c> with broadcasting (see <see cref="PowOperator{T}"/>).</summary>
        public Tensor<T> Pow(Tensor<T> b) => Autograd.Record(Elementwise.Binary<T, PowOperator<T>>(a, b), "pow", a, b, PowVjp);
        /// <summary>Elementwise <c>y = aᵇ</c> with a scalar <paramref name="b"/>.</summary>
        public Tensor<T> Pow(T b) => Autograd.Record(Elementwise.BinaryScalar<T, PowOperator<T>>(a, b), "pow", a,
            static (g, n) => n.State<T>() == T.Zero ? Tensor.ZerosLike(g) : g * n.State<T>() * n.Input(0).Pow(n.State<T>() - T.One), b);
        /// <summary>In-place <c>y = aᵇ</c> (b broadcast to a's shape; a is never broadcast); returns a.</summary>
        public Tensor<T> PowInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, PowOperator<T>>(a, b);
        /// <summary>In-place <c>y = aᵇ</c> with a scalar <paramref name="b"/>; returns a.</summary>
        public Tensor<T> PowInPlace(T b) => Elementwise.BinaryInPlace<T, PowOperator<T>>(a, Tensor.Scalar(b, a.Device));
    }
}

public static partial class Tensor
{
    /// <summary>Elementwise <c>y = aᵇ</c> with a scalar base <paramref name="a"/> and a tensor of exponents.</summary>
    public static Tensor<T> Pow<T>(T a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => Autograd.Record(Elementwise.ScalarBinary<T, PowOperator<T>>(a, b), "pow", b, static (g, n) =>
        {
            // ∂y/∂b = aᵇ·ln a. For a = 0, PyTorch takes 0 where b ≥ 0 (instead of 0·(−∞) = NaN). There y = 0ᵇ is
            // locally constant (0, or +∞ for b < 0), so the factor is a constant mask and the second derivative is 0
            // where b ≥ 0 (PyTorch's is NaN, leaking from the unselected branch).
            var a = n.State<T>();
            if (a != T.Zero) return g * n.Output * T.Log(a);
            return g * Where(n.Input(0).Detach().Ge(T.Zero), T.Zero, n.Output.Detach() * T.Log(a));
        }, a);
}

public static partial class Tensor
{
    // PyTorch's pow_backward: ∂y/∂a = b·aᵇ⁻¹, taken as 0 where b = 0 (so 0⁰ has a zero gradient, not 0·0⁻¹ = NaN);
    // ∂y/∂b = aᵇ·ln a, taken as 0 where a = 0 and b ≥ 0. Summed over broadcast axes.
    private static (Tensor<T>?, Tensor<T>?) PowVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = n.Input(0);
        var b = n.Input(1);
        return (n.NeedsGrad(0) ? Where(b.Eq(T.Zero), T.Zero, g * b * a.Pow(b - T.One)).SumTo(a.Shape) : null,
                n.NeedsGrad(1) ? Where(a.Eq(T.Zero) & b.Ge(T.Zero), T.Zero, g * n.Output * a.Log()).SumTo(b.Shape) : null);
    }
}
