using System.Numerics;
using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = |a| with the sign bit of b</c>. Special values: copysign(x, −0) = −|x|, copysign(NaN, b) = NaN with b's sign bit. Derivative: ∂y/∂a = sign(a)·sign(b), ∂y/∂b = 0.
/// </summary>
public readonly struct CopySignOperator<T> : IBinaryOperator<CopySignOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "copysign";
    /// <inheritdoc />
    public static T Invoke(T a, T b) => T.CopySign(a, b);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> y) => TensorPrimitives.CopySign(a, b, y);
    /// <inheritdoc />
    public static void Invoke(ReadOnlySpan<T> a, T b, Span<T> y) => TensorPrimitives.CopySign(a, b, y);
}

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = |a| with the sign bit of b</c> with broadcasting (see <see cref="CopySignOperator{T}"/>).</summary>
        public Tensor<T> CopySign(Tensor<T> b) => Autograd.Record(Elementwise.Binary<T, CopySignOperator<T>>(a, b), "copysign", a, b, CopySignVjp);
        /// <summary>Elementwise <c>y = |a| with the sign bit of b</c> with a scalar <paramref name="b"/>.</summary>
        public Tensor<T> CopySign(T b) => Autograd.Record(Elementwise.BinaryScalar<T, CopySignOperator<T>>(a, b), "copysign", a,
            static (g, n) => g * (n.Input(0).Detach().Sign() * T.CopySign(T.One, n.State<T>())), b);
        /// <summary>In-place <c>y = |a| with the sign bit of b</c> (b broadcast to a's shape; a is never broadcast); returns a.</summary>
        public Tensor<T> CopySignInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, CopySignOperator<T>>(a, b);
        /// <summary>In-place <c>y = |a| with the sign bit of b</c> with a scalar <paramref name="b"/>; returns a.</summary>
        public Tensor<T> CopySignInPlace(T b) => Elementwise.BinaryInPlace<T, CopySignOperator<T>>(a, Tensor.Scalar(b, a.Device));
    }
}

public static partial class Tensor
{
    // ∂y/∂a = sign(a)·(±1 by b's sign bit), 0 at a = 0 (as PyTorch); ∂y/∂b = 0. The factor is piecewise constant, so it
    // is computed from detached values (its own derivative is zero).
    private static (Tensor<T>?, Tensor<T>?) CopySignVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = n.Input(0);
        var b = n.Input(1);
        Tensor<T>? ga = null;
        if (n.NeedsGrad(0))
        {
            var signB = Tensor.Scalar(T.One, g.Device).CopySign(b.Detach()); // b's shape
            ga = (g * (a.Detach().Sign() * signB)).SumTo(a.Shape);
        }
        return (ga, n.NeedsGrad(1) ? Tensor.Zeros<T>(g.Device, b.Shape) : null);
    }
}
