using System.Numerics;

namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Differentiable softplus with PyTorch's parameters (the layer <c>nn.Softplus(beta, threshold)</c> uses it):
        /// <c>y = (1/β)·ln(1 + e^(β·x))</c>, and <c>y = x</c> where β·x &gt; threshold. The values come from the
        /// overflow-free <see cref="SoftplusOperator{T}"/> kernel; this op adds the gradient
        /// <c>∂y/∂x = σ(β·x)</c> (1 where β·x &gt; threshold), written with differentiable ops so second derivatives
        /// (β·σ(βx)(1 − σ(βx))) work too. Shape preserved.
        /// </summary>
        /// <param name="beta">β &gt; 0 (default 1).</param>
        /// <param name="threshold">Linear region above β·x &gt; threshold (default 20).</param>
        /// <exception cref="ArgumentOutOfRangeException">beta is not a positive finite number, or threshold is NaN.</exception>
        public Tensor<T> SoftplusBeta(double beta = 1.0, double threshold = 20.0)
        {
            ArgumentNullException.ThrowIfNull(x);
            var y = ElementwiseMap.Map<T, T, SoftplusOperator<T>>(x.Detach(), new SoftplusOperator<T>(beta, threshold));
            return Autograd.Record(y, "softplus", x, static (g, n) =>
            {
                var (b, t) = n.State<(T, T)>();
                var z = n.Input(0) * b;
                return Choose(z.Detach().Gt(t), g, g * z.Sigmoid());
            }, (T.CreateChecked(beta), T.CreateChecked(threshold)));
        }
    }
}
