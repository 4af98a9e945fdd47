using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML
{
    public static partial class Tensor
    {
        /// <summary>
        /// Draws category indices from the categorical distributions in the rows of <paramref name="probs"/>
        /// (PyTorch's <c>torch.multinomial</c>). <paramref name="probs"/> is (k) or (rows, k) of non-negative finite
        /// weights with a positive sum per row (they need not sum to 1). Result: int64 of shape (numSamples) or
        /// (rows, numSamples).
        /// </summary>
        /// <remarks>
        /// With replacement, sample s of row r takes a 53-bit u from position base + r·numSamples + s and returns the
        /// first index whose cumulative weight exceeds u·Σw (binary search). Without replacement, row r draws
        /// E_j ~ Exp(1) for every category from its own stream and returns the numSamples indices with the smallest
        /// E_j/w_j in increasing order (Efraimidis–Spirakis; the same law as drawing one at a time and removing it).
        /// </remarks>
        /// <exception cref="ArgumentException">probs is not 1-d or 2-d, has no categories, holds a negative or non-finite
        /// weight, a row sums to 0, or (without replacement) numSamples exceeds the number of positive weights.</exception>
        public static Tensor<long> Multinomial<T>(Tensor<T> probs, int numSamples, bool replacement, Generator generator)
            where T : unmanaged, INumberBase<T>
        {
            ArgumentNullException.ThrowIfNull(probs);
            ArgumentNullException.ThrowIfNull(generator);
            double[] w = Weights(probs, "Multinomial", out int rows, out int k);
            return MultinomialCore(w, rows, k, probs.Rank, numSamples, replacement, generator, "Multinomial");
        }

        /// <summary>
        /// As <see cref="Multinomial{T}"/> with unnormalised log-probabilities: weights w = exp(logits − max) per row.
        /// −∞ logits are categories of probability 0.
        /// </summary>
        /// <exception cref="ArgumentException">A logit is NaN or +∞, or a row is all −∞ (besides the cases of <see cref="Multinomial{T}"/>).</exception>
        public static Tensor<long> MultinomialFromLogits<T>(Tensor<T> logits, int numSamples, bool replacement, Generator generator)
            where T : unmanaged, INumberBase<T>
        {
            ArgumentNullException.ThrowIfNull(logits);
            ArgumentNullException.ThrowIfNull(generator);
            double[] l = Flat(logits, "MultinomialFromLogits", out int rows, out int k);
            for (int r = 0; r < rows; r++)
            {
                var row = l.AsSpan(r * k, k);
                double max = double.NegativeInfinity;
                foreach (double v in row)
                {
                    if (double.IsNaN(v) || double.IsPositiveInfinity(v))
                        throw new ArgumentException($"MultinomialFromLogits: logits must be finite or −∞, got {v} in row {r}.", nameof(logits));
                    max = Math.Max(max, v);
                }
                if (double.IsNegativeInfinity(max))
                    throw new ArgumentException($"MultinomialFromLogits: row {r} has every logit −∞.", nameof(logits));
                for (int j = 0; j < k; j++) row[j] = Math.Exp(row[j] - max);
            }
            return MultinomialCore(l, rows, k, logits.Rank, numSamples, replacement, generator, "MultinomialFromLogits");
        }

        private static double[] Flat<T>(Tensor<T> x, string op, out int rows, out int k) where T : unmanaged, INumberBase<T>
        {
            if (x.Rank is not (1 or 2))
                throw new ArgumentException($"{op}: expected a (k) or (rows, k) tensor, got shape {Shapes.Format(x.Shape)}.", nameof(x));
            k = x.Shape[^1];
            rows = x.Rank == 2 ? x.Shape[0] : 1;
            if (k == 0)
                throw new ArgumentException($"{op}: expected at least one category, got shape {Shapes.Format(x.Shape)}.", nameof(x));
            T[] src = x.ToArray();
            var d = new double[src.Length];
            for (int i = 0; i < d.Length; i++) d[i] = double.CreateTruncating(src[i]);
            return d;
        }

        private static double[] Weights<T>(Tensor<T> probs, string op, out int rows, out int k) where T : unmanaged, INumberBase<T>
        {
            double[] w = Flat(probs, op, out rows, out k);
            for (int r = 0; r < rows; r++)
            {
                double sum = 0;
                for (int j = 0; j < k; j++)
                {
                    double v = w[r * k + j];
                    if (!(v >= 0) || !double.IsFinite(v))
                        throw new ArgumentException($"{op}: probabilities must be finite and ≥ 0, got {v} at row {r}, column {j}.", nameof(probs));
                    sum += v;
                }
                if (!(sum > 0) || !double.IsFinite(sum))
                    throw new ArgumentException($"{op}: row {r} of the probabilities sums to {sum}; expected a positive finite sum.", nameof(probs));
            }
            return w;
        }

        private static Tensor<long> MultinomialCore(double[] w, int rows, int k, int rank, int numSamples, bool replacement, Generator g, string op)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(numSamples);
            if (!replacement)
                for (int r = 0; r < rows; r++)
                {
                    int positive = 0;
                    for (int j = 0; j < k; j++) if (w[r * k + j] > 0) positive++;
                    if (numSamples > positive)
                        throw new ArgumentException($"{op}: cannot draw {numSamples} samples without replacement from row {r}, which has only {positive} categories of positive probability.", nameof(numSamples));
                }
            var y = rank == 1 ? Tensor<long>.Allocate([numSamples], Device.Cpu) : Tensor<long>.Allocate([rows, numSamples], Device.Cpu);
            long[] o = y.HostArray(op);
            ulong seed = g.Seed;
            uint stream = g.Stream;
            if (replacement)
            {
                // Cumulative weights per row, so each sample is one binary search.
                var cdf = new double[w.Length];
                for (int r = 0; r < rows; r++)
                {
                    double c = 0;
                    for (int j = 0; j < k; j++) cdf[r * k + j] = c += w[r * k + j];
                }
                ulong b = g.Reserve((long)rows * numSamples);
                RandomFill.PerElement((long)rows * numSamples, PerElementSampling.Grain, (first, n) =>
                {
                    for (int i = 0; i < n; i++)
                    {
                        long e = first + i;
                        int r = (int)(e / Math.Max(1, numSamples));
                        var row = cdf.AsSpan(r * k, k);
                        var (x0, x1, _, _) = Philox.At(seed, stream, b + (ulong)e, 0);
                        double t = Bits.ToDouble(x0, x1) * row[k - 1];
                        int lo = 0, hi = k - 1;
                        while (lo < hi)
                        {
                            int mid = (lo + hi) >>> 1;
                            if (row[mid] > t) hi = mid; else lo = mid + 1;
                        }
                        o[e] = lo;
                    }
                });
            }
            else
            {
                ulong b = g.Reserve(rows);
                RandomFill.PerElement(rows, Math.Max(1, PerElementSampling.Grain / k), (first, n) =>
                {
                    var keys = new double[k];
                    var index = new int[k];
                    for (int i = 0; i < n; i++)
                    {
                        long r = first + i;
                        var s = new ElementStream(seed, stream, b + (ulong)r);
                        for (int j = 0; j < k; j++)
                        {
                            double e = s.NextExponential();
                            double wj = w[r * k + j];
                            keys[j] = wj > 0 ? e / wj : double.PositiveInfinity;
                            index[j] = j;
                        }
                        Array.Sort(keys, index);
                        for (int j = 0; j < numSamples; j++) o[r * numSamples + j] = index[j];
                    }
                });
            }
            return y;
        }
    }
}
