using Scratch.ML.Rng;

namespace Scratch.ML.Rng
{
    /// <summary>
    /// Poisson(λ). For λ &lt; 10, inversion by sequential search: walk k = 0, 1, … accumulating
    /// pₖ = e^{−λ}λᵏ/k! until the CDF exceeds u. For λ ≥ 10, Hörmann's PTRS (transformed rejection with squeeze,
    /// 1993): a hat built from the transformed uniform k = ⌊(2a/u_s + b)U + λ + 0.43⌋ with u_s = 0.5 − |U|, accepted
    /// at once inside the squeeze region, else by comparing against the exact log-probability −λ + k ln λ − ln k!.
    /// </summary>
    internal readonly struct PoissonSampler(double lambda)
    {
        public const double InversionLimit = 10.0;

        public long Sample(ref ElementStream s) => lambda < InversionLimit ? Inversion(ref s) : Ptrs(ref s);

        private long Inversion(ref ElementStream s)
        {
            if (lambda == 0) return 0;
            double p0 = Math.Exp(-lambda);
            while (true)
            {
                double u = s.NextDouble();
                double p = p0, cdf = p0;
                long k = 0;
                while (u >= cdf && p > 0)
                {
                    k++;
                    p *= lambda / k;
                    cdf += p;
                }
                if (u < cdf) return k;
                // The tail underflowed before the rounded CDF reached u (u within ~1e-16 of 1): redraw.
            }
        }

        private long Ptrs(ref ElementStream s)
        {
            double slam = Math.Sqrt(lambda), logLambda = Math.Log(lambda);
            double b = 0.931 + 2.53 * slam;
            double a = -0.059 + 0.02483 * b;
            double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
            double vr = 0.9277 - 3.6224 / (b - 2.0);
            while (true)
            {
                double u = s.NextDouble() - 0.5;
                double v = s.NextDouble();
                double us = 0.5 - Math.Abs(u);
                if (us <= 0) continue;
                double k = Math.Floor((2.0 * a / us + b) * u + lambda + 0.43);
                if (us >= 0.07 && v <= vr) return (long)k;
                if (k < 0 || (us < 0.013 && v > us)) continue;
                if (Math.Log(v) + Math.Log(invAlpha) - Math.Log(a / (us * us) + b) <= -lambda + k * logLambda - LogFactorial(k))
                    return (long)k;
            }
        }

        private static readonly double[] SmallLogFactorials = BuildTable();

        private static double[] BuildTable()
        {
            var t = new double[16];
            for (int i = 1; i < t.Length; i++) t[i] = t[i - 1] + Math.Log(i);
            return t;
        }

        /// <summary>ln k!: a table below 16, else Stirling's series to k⁻⁵ (error &lt; 1/(1680k⁷) &lt; 10⁻¹¹).</summary>
        internal static double LogFactorial(double k)
        {
            if (k < 16) return SmallLogFactorials[(int)k];
            double r = 1.0 / k, r2 = r * r;
            return k * Math.Log(k) - k + 0.5 * Math.Log(2 * Math.PI * k) + r * (1.0 / 12 - r2 * (1.0 / 360 - r2 / 1260));
        }
    }

    public static partial class GeneratorExtensions
    {
        /// <summary>Fills <paramref name="destination"/> with Poisson(<paramref name="lambda"/>) counts.</summary>
        /// <exception cref="ArgumentOutOfRangeException">λ is negative, NaN or above 2⁵⁰.</exception>
        public static void Poisson(this Generator generator, Span<long> destination, double lambda)
        {
            var sampler = PoissonPrepare(generator, lambda, destination.Length, out ulong b);
            for (int i = 0; i < destination.Length; i++)
            {
                var s = new ElementStream(generator.Seed, generator.Stream, b + (ulong)i);
                destination[i] = sampler.Sample(ref s);
            }
        }

        internal static PoissonSampler PoissonPrepare(Generator generator, double lambda, int count, out ulong basePosition)
        {
            ArgumentNullException.ThrowIfNull(generator);
            if (!(lambda >= 0) || lambda > 1L << 50)
                throw new ArgumentOutOfRangeException(nameof(lambda), lambda, $"Poisson: λ must lie in [0, 2⁵⁰], got {lambda}.");
            basePosition = generator.Reserve(count);
            return new PoissonSampler(lambda);
        }
    }
}

namespace Scratch.ML
{
    public static partial class Tensor
    {
        /// <summary>
        /// Poisson(<paramref name="lambda"/>) counts (mean and variance λ) as an int64 tensor: inversion for λ &lt; 10,
        /// Hörmann's PTRS transformed rejection for λ ≥ 10. Element i draws only from its own counter stream.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">λ is negative, NaN or above 2⁵⁰.</exception>
        public static Tensor<long> Poisson(double lambda, Generator generator, params int[] shape)
        {
            ArgumentNullException.ThrowIfNull(shape);
            var y = Tensor<long>.Allocate((int[])shape.Clone(), Device.Cpu);
            var a = y.HostArray("Poisson");
            var sampler = GeneratorExtensions.PoissonPrepare(generator, lambda, a.Length, out ulong b);
            ulong seed = generator.Seed;
            uint stream = generator.Stream;
            RandomFill.PerElement(a.Length, PerElementSampling.Grain, (first, n) =>
            {
                for (int i = 0; i < n; i++)
                {
                    var s = new ElementStream(seed, stream, b + (ulong)(first + i));
                    a[first + i] = sampler.Sample(ref s);
                }
            });
            return y;
        }
    }
}
