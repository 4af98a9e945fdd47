using System.Numerics;

namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Mish (Misra 2019; PyTorch's <c>mish</c>): <c>y = x·tanh(softplus(x))</c>.
        /// Derivative: <c>tanh(sp) + x·(1 − tanh²(sp))·σ(x)</c> with sp = softplus(x), since ∂sp/∂x = σ(x).
        /// Shape preserved.
        /// </summary>
        public Tensor<T> Mish()
        {
            ArgumentNullException.ThrowIfNull(x);
            var d = x.Detach();
            var y = d * d.SoftplusBeta().Tanh();
            return Autograd.Record(y, "mish", x, static (g, n) =>
            {
                var xi = n.Input(0);
                var t = xi.SoftplusBeta().Tanh();
                return g * (t + xi * (T.One - t.Square()) * xi.Sigmoid());
            });
        }
    }
}
