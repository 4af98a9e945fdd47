using System.Numerics;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// <c>y = a − trunc(a/b)·b, the C fmod: the result has the sign of the dividend a (torch.fmod, numpy.fmod, C#'s %)</c>. Special values: fmod(x, ±0) = NaN, fmod(±∞, y) = NaN, fmod(x, ±∞) = x, fmod(±0, y) = ±0. Derivative: ∂y/∂a = 1, ∂y/∂b = −trunc(a/b).
/// </summary>
/// <remarks>
/// The span kernels are the interface's scalar loops over <c>%</c> (the exact IEEE fmod). TensorPrimitives.Remainder
/// is not used: it evaluates <c>a − trunc(a/b)·b</c>, which is inexact (measured: 2 ulp off for 18.28 mod 0.778, and
/// 0 mod ∞ = NaN instead of 0).
/// </remarks>
public readonly struct FmodOperator<T> : IBinaryOperator<FmodOperator<T>, T> where T : IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    public static string Name => "fmod";
    /// <inheritdoc />
    public static T Invoke(T a, T b) => a % b;
}

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Elementwise <c>y = a − trunc(a/b)·b</c> with broadcasting (see <see cref="FmodOperator{T}"/>).</summary>
        public Tensor<T> Fmod(Tensor<T> b) => Autograd.Record(Elementwise.Binary<T, FmodOperator<T>>(a, b), "fmod", a, b, FmodVjp);
        /// <summary>Elementwise <c>y = a − trunc(a/b)·b</c> with a scalar <paramref name="b"/>.</summary>
        public Tensor<T> Fmod(T b) => Autograd.Record(Elementwise.BinaryScalar<T, FmodOperator<T>>(a, b), "fmod", a, static (g, _) => g);
        /// <summary>In-place <c>y = a − trunc(a/b)·b</c> (b broadcast to a's shape; a is never broadcast); returns a.</summary>
        public Tensor<T> FmodInPlace(Tensor<T> b) => Elementwise.BinaryInPlace<T, FmodOperator<T>>(a, b);
        /// <summary>In-place <c>y = a − trunc(a/b)·b</c> with a scalar <paramref name="b"/>; returns a.</summary>
        public Tensor<T> FmodInPlace(T b) => Elementwise.BinaryInPlace<T, FmodOperator<T>>(a, Tensor.Scalar(b, a.Device));
    }
}

public static partial class Tensor
{
    // ∂y/∂a = 1, ∂y/∂b = −trunc(a/b) (PyTorch's formula; the quotient is piecewise constant, so it is computed from detached
    // values), summed over broadcast axes.
    private static (Tensor<T>?, Tensor<T>?) FmodVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = n.Input(0);
        var b = n.Input(1);
        return (n.NeedsGrad(0) ? g.SumTo(a.Shape) : null,
                n.NeedsGrad(1) ? (-(g * (a.Detach() / b.Detach()).Trunc())).SumTo(b.Shape) : null);
    }
}
