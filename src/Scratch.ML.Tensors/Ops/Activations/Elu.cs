using System.Numerics;

namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Elu (PyTorch's <c>elu</c>): <c>y = x</c> for x &gt; 0, <c>y = α·(eˣ − 1)</c> otherwise (computed with expm1,
        /// so tiny negative x keep their relative accuracy). Derivative: 1 for x &gt; 0, α·eˣ = y + α otherwise.
        /// Special values: elu(−∞) = −α, elu(+∞) = +∞, NaN propagates. Shape preserved.
        /// </summary>
        /// <param name="alpha">α (default 1; any finite value).</param>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not finite.</exception>
        public Tensor<T> Elu(double alpha = 1.0)
        {
            ArgumentNullException.ThrowIfNull(x);
            if (!double.IsFinite(alpha))
                throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "Elu: alpha must be finite.");
            return ScaledElu(x, alpha, 1.0, "elu");
        }

        /// <summary>
        /// Selu (Klambauer et al. 2017; PyTorch's <c>selu</c>): <c>y = λ·elu(x, α)</c> with the fixed constants
        /// α = 1.6732632423543772, λ = 1.0507009873554805 that make unit-Gaussian activations a fixed point.
        /// Derivative: λ for x &gt; 0, y + λα otherwise. Shape preserved.
        /// </summary>
        public Tensor<T> Selu()
        {
            ArgumentNullException.ThrowIfNull(x);
            return ScaledElu(x, SeluAlpha, SeluScale, "selu");
        }
    }

    /// <summary>Selu's α (PyTorch's constant).</summary>
    public const double SeluAlpha = 1.6732632423543772848170429916717;

    /// <summary>Selu's λ (PyTorch's constant).</summary>
    public const double SeluScale = 1.0507009873554804934193349852946;

    // y = λ·(x > 0 ? x : α·expm1(x)); ∂y/∂x = x > 0 ? λ : y + λα. The VJP reads the saved output y (which carries its
    // history), so it is itself differentiable: ∂²y/∂x² = y + λα on the negative side.
    private static Tensor<T> ScaledElu<T>(Tensor<T> x, double alpha, double scale, string name) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var d = x.Detach();
        T a = T.CreateChecked(alpha), l = T.CreateChecked(scale);
        var y = Where(d.Gt(T.Zero), d * l, d.Expm1() * (a * l));
        return Autograd.Record(y, name, x, static (g, n) =>
        {
            var (lambda, lambdaAlpha) = n.State<(T, T)>();
            var slope = Choose(n.Input(0).Detach().Gt(T.Zero), Scalar(lambda, g.Device), n.Output + lambdaAlpha);
            return g * slope;
        }, (l, a * l));
    }
}
