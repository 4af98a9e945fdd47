using System.Numerics;

namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Leaky Relu (PyTorch's <c>leaky_relu</c>): <c>y = x</c> for x &gt; 0, <c>y = s·x</c> otherwise.
        /// Derivative: 1 for x &gt; 0, s for x ≤ 0 (PyTorch's choice at 0). NaN propagates. Shape preserved.
        /// </summary>
        /// <param name="negativeSlope">The slope s of the negative part (default 0.01; any finite value).</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="negativeSlope"/> is not finite.</exception>
        public Tensor<T> LeakyRelu(double negativeSlope = 0.01)
        {
            ArgumentNullException.ThrowIfNull(x);
            if (!double.IsFinite(negativeSlope))
                throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "LeakyRelu: negativeSlope must be finite.");
            T s = T.CreateChecked(negativeSlope);
            var d = x.Detach();
            var y = Where(d.Gt(T.Zero), d, d * s);
            return Autograd.Record(y, "leaky_relu", x, static (g, n) =>
                Choose(n.Input(0).Detach().Gt(T.Zero), g, g * n.State<T>()), s);
        }
    }
}
