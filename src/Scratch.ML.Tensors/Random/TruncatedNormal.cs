using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML.Rng
{
    /// <summary>
    /// The standard normal truncated to [a, b] by Robert's rejection samplers (Statistics and Computing, 1995):
    /// <list type="bullet">
    /// <item>0 ∈ [a, b] and b − a ≥ 2.5: draw N(0, 1) until it lands inside (acceptance ≥ 0.49);</item>
    /// <item>0 ∈ [a, b], narrow: z ~ U(a, b), accept with probability e^{−z²/2} (acceptance ≥ 0.49);</item>
    /// <item>0 &lt; a, (b² − a²)/2 ≤ 1: z ~ U(a, b), accept with e^{(a² − z²)/2} (acceptance ≥ e⁻¹);</item>
    /// <item>0 &lt; a otherwise: z = a + E/λ with λ = (a + √(a² + 4))/2 and E ~ Exp(1), reject z &gt; b, accept
    /// with e^{−(z − λ)²/2} (the optimal exponential hat);</item>
    /// <item>b &lt; 0: mirror, −(sample on [−b, −a]).</item>
    /// </list>
    /// Every branch is exact; the thresholds only choose the fastest.
    /// </summary>
    internal readonly struct TruncatedNormalSampler(double mean, double std, double a, double b) : IElementSampler
    {
        public double Sample(ref ElementStream s) => mean + std * Standard(ref s, a, b);

        public static double Standard(ref ElementStream s, double a, double b)
        {
            if (b < 0) return -Standard(ref s, -b, -a);
            if (a <= 0)
            {
                if (b - a >= 2.5)
                    while (true)
                    {
                        double z = s.NextNormal();
                        if (z >= a && z <= b) return z;
                    }
                while (true)
                {
                    double z = a + (b - a) * s.NextDouble();
                    if (s.NextDouble() < Math.Exp(-0.5 * z * z)) return z;
                }
            }
            if ((b * b - a * a) * 0.5 <= 1.0)
                while (true)
                {
                    double z = a + (b - a) * s.NextDouble();
                    if (s.NextDouble() < Math.Exp(0.5 * (a * a - z * z))) return z;
                }
            double lambda = 0.5 * (a + Math.Sqrt(a * a + 4.0));
            while (true)
            {
                double z = a + s.NextExponential() / lambda;
                if (z > b) continue;
                double d = z - lambda;
                if (s.NextDouble() < Math.Exp(-0.5 * d * d)) return z;
            }
        }
    }
}

namespace Scratch.ML
{
    public static partial class Tensor
    {
        /// <summary>
        /// Samples of N(<paramref name="mean"/>, <paramref name="std"/>²) conditioned on lying in
        /// [mean + a·std, mean + b·std]: the bounds <paramref name="a"/>, <paramref name="b"/> are in standard-deviation
        /// units (SciPy's <c>truncnorm</c> convention; PyTorch's <c>trunc_normal_</c> takes absolute bounds, so its
        /// default ±2 with std = 1 is a = −2, b = 2 here). Infinite bounds are allowed. Exact rejection sampling
        /// (Robert 1995); results stay inside the bounds after rounding to T.
        /// </summary>
        /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
        /// <exception cref="ArgumentException">a ≥ b or either is NaN; std not positive and finite; mean not finite.</exception>
        public static Tensor<T> TruncatedNormal<T>(double mean, double std, double a, double b, Generator generator, params int[] shape)
            where T : unmanaged, INumberBase<T>
        {
            ArgumentNullException.ThrowIfNull(generator);
            ArgumentNullException.ThrowIfNull(shape);
            PerElementSampling.RequireFloat<T>("TruncatedNormal");
            if (!(a < b))
                throw new ArgumentException($"TruncatedNormal: need a < b (bounds in std units), got a = {a}, b = {b}.", nameof(b));
            if (!(std > 0) || !double.IsFinite(std))
                throw new ArgumentOutOfRangeException(nameof(std), std, $"TruncatedNormal: std must be finite and > 0, got {std}.");
            if (!double.IsFinite(mean))
                throw new ArgumentOutOfRangeException(nameof(mean), mean, $"TruncatedNormal: mean must be finite, got {mean}.");
            var y = Tensor<T>.Allocate((int[])shape.Clone(), Device.Cpu);
            PerElementSampling.Run(new TruncatedNormalSampler(mean, std, a, b), generator, y.HostArray("TruncatedNormal"));
            return y;
        }
    }
}
