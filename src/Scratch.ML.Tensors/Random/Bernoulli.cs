using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML.Rng
{
    /// <summary>Bernoulli(p): true when a 53-bit uniform u ∈ [0, 1) is below p. Two words per element.</summary>
    internal readonly struct BernoulliConverter(double p) : IWordConverter<bool>
    {
        public static int WordsPerElement => 2;

        public bool Element(uint w0, uint w1) => Bits.ToDouble(w0, w1) < p;

        public void Convert(ReadOnlySpan<uint> words, Span<bool> values, in TileContext context)
        {
            for (int i = 0; i < values.Length; i++) values[i] = Element(words[2 * i], words[2 * i + 1]);
        }
    }

    public static partial class GeneratorExtensions
    {
        /// <summary>Fills <paramref name="destination"/> with Bernoulli(<paramref name="p"/>) draws.</summary>
        /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1] or NaN.</exception>
        public static void Bernoulli(this Generator generator, Span<bool> destination, double p)
            => generator.Bernoulli(destination, p, target: null);

        internal static void Bernoulli(this Generator generator, Span<bool> destination, double p, Tensor<bool>? target)
        {
            ArgumentNullException.ThrowIfNull(generator);
            if (!(p >= 0 && p <= 1))
                throw new ArgumentOutOfRangeException(nameof(p), p, $"Bernoulli: p must lie in [0, 1], got {p}.");
            Submit(PhiloxFill.Reserve<bool>(generator, RandomKind.Bernoulli, Count(destination, target), p, 0), destination, target);
        }
    }
}

namespace Scratch.ML
{
    public static partial class Tensor
    {
        /// <summary>
        /// A bool tensor of Bernoulli(<paramref name="p"/>) draws: each element is true with probability p
        /// (exactly, up to the 2⁻⁵³ resolution of the uniform).
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">p is outside [0, 1] or NaN.</exception>
        public static Tensor<bool> Bernoulli(double p, Generator generator, params int[] shape)
        {
            ArgumentNullException.ThrowIfNull(generator);
            ArgumentNullException.ThrowIfNull(shape);
            var y = Tensor<bool>.Allocate((int[])shape.Clone(), Device.Cpu);
            generator.Bernoulli(Span<bool>.Empty, p, target: y);
            return y;
        }

        /// <summary>
        /// Elementwise Bernoulli draws (PyTorch's <c>torch.bernoulli(probs)</c>): element i is true with probability
        /// probs[i]. Uses the same bits as <see cref="Bernoulli(double, Generator, int[])"/> — element i compares the
        /// 53-bit uniform from words 2i, 2i + 1 with its own probability — so a constant tensor gives the same result.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">A probability is outside [0, 1] or NaN.</exception>
        public static Tensor<bool> Bernoulli<T>(Tensor<T> probs, Generator generator) where T : unmanaged, INumberBase<T>
        {
            ArgumentNullException.ThrowIfNull(probs);
            ArgumentNullException.ThrowIfNull(generator);
            T[] p = probs.ToArray();
            for (int i = 0; i < p.Length; i++)
            {
                double v = double.CreateTruncating(p[i]);
                if (!(v >= 0 && v <= 1))
                    throw new ArgumentOutOfRangeException(nameof(probs), v, $"Bernoulli: probabilities must lie in [0, 1], got {v} at flat index {i}.");
            }
            var y = Tensor<bool>.Allocate(probs.ShapeArray(), Device.Cpu);
            bool[] o = y.HostArray("Bernoulli");
            ulong b = generator.Reserve(((long)p.Length * 2 + 3) / 4);
            ulong seed = generator.Seed;
            uint stream = generator.Stream;
            RandomFill.PerElement(p.Length, RandomFill.Chunk, (first, n) =>
            {
                for (int i = 0; i < n; i++)
                {
                    long e = first + i;
                    var (x0, x1, x2, x3) = Philox.At(seed, stream, b + (ulong)(e / 2), 0);
                    double u = (e & 1) == 0 ? Bits.ToDouble(x0, x1) : Bits.ToDouble(x2, x3);
                    o[e] = u < double.CreateTruncating(p[e]);
                }
            });
            return y;
        }
    }
}
