using System.Numerics;

namespace Scratch.ML;

public static partial class Tensor
{
    /// <summary>
    /// <c>y = mask ? a : b</c> elementwise with broadcasting, recorded for autograd: ∂L/∂a = mask ? g : 0,
    /// ∂L/∂b = mask ? 0 : g (each summed back to its shape). The VJP is this op again, so gradients of gradients work.
    /// The activations use it to pick a branch without the <c>∞·0 = NaN</c> of multiplying by a 0/1 mask.
    /// </summary>
    internal static Tensor<T> Choose<T>(Tensor<bool> mask, Tensor<T> a, Tensor<T> b) where T : unmanaged, INumber<T>
        => Autograd.Record(Where(mask, a.Detach(), b.Detach()), "where", a, b, static (g, n) =>
        {
            var m = n.State<Tensor<bool>>();
            var zero = Scalar(T.Zero, g.Device);
            return (n.NeedsGrad(0) ? Choose(m, g, zero).SumTo(n.Input(0).Shape) : null,
                    n.NeedsGrad(1) ? Choose(m, zero, g).SumTo(n.Input(1).Shape) : null);
        }, mask);

    /// <summary>A 0-d constant (no gradient) on <paramref name="like"/>'s device.</summary>
    internal static Tensor<T> ConstantLike<T>(Tensor<T> like, double value) where T : unmanaged, INumberBase<T>
        => Scalar(T.CreateChecked(value), like.Device);
}
