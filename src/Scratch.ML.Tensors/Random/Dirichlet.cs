using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML
{
    public static partial class Tensor
    {
        /// <summary>
        /// <paramref name="numSamples"/> draws from Dirichlet(α) with α = <paramref name="concentration"/> (k values):
        /// row r is (g₁, …, g_k)/Σg with g_j ~ Gamma(α_j) drawn in order from row r's own counter stream. Result shape
        /// (numSamples, k); every row is non-negative and sums to 1 (up to rounding).
        /// </summary>
        /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
        /// <exception cref="ArgumentException">The concentration is empty or holds a value that is not positive and finite.</exception>
        public static Tensor<T> Dirichlet<T>(ReadOnlySpan<double> concentration, int numSamples, Generator generator)
            where T : unmanaged, INumberBase<T>
        {
            ArgumentNullException.ThrowIfNull(generator);
            ArgumentOutOfRangeException.ThrowIfNegative(numSamples);
            PerElementSampling.RequireFloat<T>("Dirichlet");
            if (concentration.IsEmpty)
                throw new ArgumentException("Dirichlet: the concentration vector must not be empty.", nameof(concentration));
            for (int j = 0; j < concentration.Length; j++)
                if (!(concentration[j] > 0) || !double.IsFinite(concentration[j]))
                    throw new ArgumentException($"Dirichlet: concentration[{j}] must be finite and > 0, got {concentration[j]}.", nameof(concentration));
            double[] alpha = concentration.ToArray();
            int k = alpha.Length;
            double alphaSum = 0;
            foreach (double v in alpha) alphaSum += v;
            var y = Tensor<T>.Allocate([numSamples, k], Device.Cpu);
            var a = y.HostArray("Dirichlet");
            ulong b = generator.Reserve(numSamples);
            ulong seed = generator.Seed;
            uint stream = generator.Stream;
            RandomFill.PerElement(numSamples, Math.Max(1, PerElementSampling.Grain / k), (first, n) =>
            {
                Span<double> g = k <= 256 ? stackalloc double[k] : new double[k];
                for (int r = 0; r < n; r++)
                {
                    long row = first + r;
                    var s = new ElementStream(seed, stream, b + (ulong)row);
                    double sum = 0;
                    for (int j = 0; j < k; j++) sum += g[j] = GammaSampler.Standard(ref s, alpha[j]);
                    if (!(sum > 0))
                    {
                        // All gammas underflowed (tiny α): the limit is a single vertex chosen with probability α_j/Σα.
                        g.Clear();
                        double t = s.NextDouble() * alphaSum, c = 0;
                        int pick = k - 1;
                        for (int j = 0; j < k; j++) { c += alpha[j]; if (t < c) { pick = j; break; } }
                        g[pick] = 1; sum = 1;
                    }
                    for (int j = 0; j < k; j++) a[row * k + j] = T.CreateTruncating(g[j] / sum);
                }
            });
            return y;
        }
    }
}
