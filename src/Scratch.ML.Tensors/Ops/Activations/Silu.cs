using System.Numerics;

namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Silu / swish (PyTorch's <c>silu</c>): <c>y = x·σ(x)</c>. Derivative: σ(x)·(1 + x·(1 − σ(x))).
        /// silu(+∞) = +∞; NaN propagates. Shape preserved.
        /// </summary>
        public Tensor<T> Silu()
        {
            ArgumentNullException.ThrowIfNull(x);
            var d = x.Detach();
            var y = d * d.Sigmoid();
            return Autograd.Record(y, "silu", x, static (g, n) =>
            {
                var xi = n.Input(0);
                var s = xi.Sigmoid();
                return g * (s * (T.One + xi * (T.One - s)));
            });
        }
    }
}
