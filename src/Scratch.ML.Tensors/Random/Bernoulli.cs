using Scratch.ML.Random;

namespace Scratch.ML.Random
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
            => generator.Bernoulli(destination, p, null);

        internal static void Bernoulli(this Generator generator, Span<bool> destination, double p, bool[]? parallelArray)
        {
            ArgumentNullException.ThrowIfNull(generator);
            if (!(p >= 0 && p <= 1))
                throw new ArgumentOutOfRangeException(nameof(p), p, $"Bernoulli: p must lie in [0, 1], got {p}.");
            Dispatch<bool, bool, BernoulliConverter>(new(p), generator, destination, parallelArray);
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
            var a = y.HostArray("Bernoulli");
            generator.Bernoulli(a.AsSpan(), p, a);
            return y;
        }
    }
}
