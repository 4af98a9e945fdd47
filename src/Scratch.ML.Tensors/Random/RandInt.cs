using Scratch.ML.Rng;

namespace Scratch.ML.Rng
{
    /// <summary>
    /// Integers uniform on [low, low + range): Lemire's multiply-shift on the 64-bit word pair of the element, exact
    /// by rejection. A rejected element (probability &lt; range/2⁶⁴ ≤ 2⁻³² for int) redraws from its own
    /// <see cref="ElementStream"/> (its packed position base + ⌊i/2⌋, draws 1 + (i mod 2), 3 + (i mod 2), …), so no other element moves. Two words per element.
    /// </summary>
    internal readonly struct RandIntConverter<T>(long low, ulong range) : IWordConverter<T> where T : unmanaged
    {
        public static int WordsPerElement => 2;

        public ulong Offset(uint w0, uint w1, in TileContext ctx, long element)
        {
            if (Bits.TryBelow(w0 | ((ulong)w1 << 32), range, out ulong v)) return v;
            // Two elements share each packed position; lane l redraws from draws 1 + l, 3 + l, … of that position.
            var s = new ElementStream(ctx.Seed, ctx.Stream, ctx.BasePosition + (ulong)(element / 2), firstDraw: 1 + (uint)(element & 1), drawStep: 2);
            return s.NextBelow(range);
        }

        public void Convert(ReadOnlySpan<uint> words, Span<T> values, in TileContext context)
        {
            for (int i = 0; i < values.Length; i++)
            {
                long v = low + (long)Offset(words[2 * i], words[2 * i + 1], context, context.FirstElement + i);
                if (typeof(T) == typeof(int)) values[i] = (T)(object)(int)v;
                else values[i] = (T)(object)v;
            }
        }
    }

    public static partial class GeneratorExtensions
    {
        /// <summary>Fills <paramref name="destination"/> with integers uniform on [<paramref name="low"/>, <paramref name="high"/>), without modulo bias.</summary>
        /// <exception cref="ArgumentException">low ≥ high.</exception>
        public static void Integers(this Generator generator, Span<int> destination, int low, int high)
            => generator.Integers<int>(destination, low, high, target: null);

        /// <summary>Fills <paramref name="destination"/> with integers uniform on [<paramref name="low"/>, <paramref name="high"/>), without modulo bias.</summary>
        /// <exception cref="ArgumentException">low ≥ high.</exception>
        public static void Integers(this Generator generator, Span<long> destination, long low, long high)
            => generator.Integers<long>(destination, low, high, target: null);

        internal static void Integers<T>(this Generator generator, Span<T> destination, long low, long high, Tensor<T>? target) where T : unmanaged
        {
            ArgumentNullException.ThrowIfNull(generator);
            if (low >= high)
                throw new ArgumentException($"RandInt: need low < high, got low = {low}, high = {high}.", nameof(high));
            if (typeof(T) != typeof(int) && typeof(T) != typeof(long))
                throw new NotSupportedException($"RandInt: element type {typeof(T).Name} is not supported; use int or long.");
            if (typeof(T) == typeof(int) && (low < int.MinValue || high - 1 > int.MaxValue))
                throw new ArgumentException($"RandInt: [{low}, {high}) does not fit in int32.", nameof(high));
            ulong range = unchecked((ulong)(high - low));
            Submit(PhiloxFill.Reserve<T>(generator, RandomKind.Integers, Count(destination, target), 0, 0, low, range), destination, target);
        }
    }
}

namespace Scratch.ML
{
    public static partial class Tensor
    {
        /// <summary>
        /// Integers uniform on [<paramref name="low"/>, <paramref name="high"/>) (PyTorch's <c>randint</c>), exactly
        /// unbiased (Lemire's method with rejection, never <c>x mod n</c>).
        /// </summary>
        /// <typeparam name="T"><see cref="int"/> or <see cref="long"/>.</typeparam>
        /// <exception cref="ArgumentException">low ≥ high, or the range does not fit in T.</exception>
        public static Tensor<T> RandInt<T>(long low, long high, Generator generator, params int[] shape) where T : unmanaged
        {
            ArgumentNullException.ThrowIfNull(generator);
            ArgumentNullException.ThrowIfNull(shape);
            var y = Tensor<T>.Allocate((int[])shape.Clone(), Device.Cpu);
            generator.Integers(Span<T>.Empty, low, high, target: y);
            return y;
        }
    }
}
