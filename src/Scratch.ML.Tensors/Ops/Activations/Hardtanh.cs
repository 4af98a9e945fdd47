using System.Numerics;

namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Hard tanh (PyTorch's <c>hardtanh</c>): <c>y = clamp(x, min, max)</c>. Derivative: 1 for min &lt; x &lt; max,
        /// 0 otherwise (also 0 exactly at the bounds, like PyTorch). NaN propagates. Shape preserved.
        /// </summary>
        /// <param name="min">Lower bound (default −1).</param>
        /// <param name="max">Upper bound (default 1); must be ≥ min.</param>
        /// <exception cref="ArgumentException">min &gt; max, or either is NaN.</exception>
        public Tensor<T> Hardtanh(double min = -1.0, double max = 1.0)
        {
            ArgumentNullException.ThrowIfNull(x);
            if (!(min <= max))
                throw new ArgumentException($"Hardtanh: need min <= max, got min = {min}, max = {max}.", nameof(max));
            T lo = T.CreateChecked(min), hi = T.CreateChecked(max);
            var y = x.Detach().Clamp(lo, hi);
            return Autograd.Record(y, "hardtanh", x, static (g, n) =>
            {
                var (a, b) = n.State<(T, T)>();
                var xi = n.Input(0).Detach();
                var inside = xi.Gt(a).And(xi.Lt(b));
                return Choose(inside, g, Scalar(T.Zero, g.Device));
            }, (lo, hi));
        }
    }
}
