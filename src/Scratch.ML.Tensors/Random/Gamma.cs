using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML.Rng
{
    /// <summary>
    /// Gamma(α, θ) by Marsaglia and Tsang (2000): for α ≥ 1, with d = α − ⅓ and c = 1/√(9d), draw x ~ N(0, 1) and
    /// v = (1 + cx)³ (redraw while v ≤ 0) and u ~ U(0, 1); accept d·v when u &lt; 1 − 0.0331x⁴ (the cheap squeeze) or
    /// ln u &lt; x²/2 + d(1 − v + ln v). For α &lt; 1 the boost Gamma(α) = Gamma(α + 1)·U^{1/α} applies. Scale θ multiplies.
    /// </summary>
    internal readonly struct GammaSampler(double alpha, double scale) : IElementSampler
    {
        public double Sample(ref ElementStream s) => scale * Standard(ref s, alpha);

        /// <summary>A Gamma(α, 1) draw.</summary>
        public static double Standard(ref ElementStream s, double alpha)
        {
            if (alpha < 1)
            {
                double g = Standard(ref s, alpha + 1);
                return g * Math.Pow(s.NextDoubleOpenZero(), 1.0 / alpha);
            }
            double d = alpha - 1.0 / 3.0, c = 1.0 / Math.Sqrt(9.0 * d);
            while (true)
            {
                double x, v;
                do
                {
                    x = s.NextNormal();
                    v = 1.0 + c * x;
                } while (v <= 0);
                v = v * v * v;
                double u = s.NextDouble();
                double x2 = x * x;
                if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
                if (Math.Log(u) < 0.5 * x2 + d * (1.0 - v + Math.Log(v))) return d * v;
            }
        }

        public static void Validate(string op, double alpha, string alphaName, double scale)
        {
            if (!(alpha > 0) || !double.IsFinite(alpha))
                throw new ArgumentOutOfRangeException(alphaName, alpha, $"{op}: the shape parameter must be finite and > 0, got {alpha}.");
            if (!(scale > 0) || !double.IsFinite(scale))
                throw new ArgumentOutOfRangeException(nameof(scale), scale, $"{op}: the scale must be finite and > 0, got {scale}.");
        }
    }
}

namespace Scratch.ML
{
    public static partial class Tensor
    {
        /// <summary>
        /// Gamma samples with shape α = <paramref name="alpha"/> and scale θ = <paramref name="scale"/> (density
        /// x^{α−1}e^{−x/θ}/(Γ(α)θ^α), mean αθ, variance αθ²), by Marsaglia–Tsang rejection with the α &lt; 1 boost.
        /// Element i draws only from its own counter stream, so results do not depend on the thread count.
        /// </summary>
        /// <typeparam name="T"><see cref="float"/> or <see cref="double"/> (computed in double, then rounded).</typeparam>
        /// <exception cref="ArgumentOutOfRangeException">alpha or scale is not positive and finite.</exception>
        public static Tensor<T> Gamma<T>(double alpha, double scale, Generator generator, params int[] shape)
            where T : unmanaged, INumberBase<T>
        {
            ArgumentNullException.ThrowIfNull(generator);
            ArgumentNullException.ThrowIfNull(shape);
            PerElementSampling.RequireFloat<T>("Gamma");
            GammaSampler.Validate("Gamma", alpha, nameof(alpha), scale);
            var y = Tensor<T>.Allocate((int[])shape.Clone(), Device.Cpu);
            PerElementSampling.Run(new GammaSampler(alpha, scale), generator, y.HostArray("Gamma"));
            return y;
        }
    }
}
