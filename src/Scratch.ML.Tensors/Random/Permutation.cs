using Scratch.ML.Rng;

namespace Scratch.ML.Rng
{
    public static partial class GeneratorExtensions
    {
        /// <summary>
        /// Shuffles <paramref name="items"/> in place by Fisher–Yates: for i = n − 1 down to 1, swap item i with item
        /// j uniform on [0, i], where j comes from position base + i (Lemire's unbiased map of that block's first
        /// 64 bits; a rejection redraws from the same position's later draws). Every one of the n! orders is
        /// equally likely. Consumes n positions.
        /// </summary>
        public static void Shuffle<T>(this Generator generator, Span<T> items)
        {
            ArgumentNullException.ThrowIfNull(generator);
            ulong b = generator.Reserve(items.Length);
            for (int i = items.Length - 1; i > 0; i--)
            {
                int j = (int)Below(generator, b + (ulong)i, (ulong)(i + 1));
                (items[i], items[j]) = (items[j], items[i]);
            }
        }

        /// <summary>A uniformly random permutation of 0 … n − 1 (Fisher–Yates over the identity, as <see cref="Shuffle{T}"/>).</summary>
        public static int[] Permutation(this Generator generator, int n)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(n);
            var p = new int[n];
            for (int i = 0; i < n; i++) p[i] = i;
            generator.Shuffle(p.AsSpan());
            return p;
        }

        /// <summary>An unbiased integer in [0, range) owned by <paramref name="position"/>.</summary>
        internal static ulong Below(Generator g, ulong position, ulong range)
        {
            var (x0, x1, _, _) = Philox.At(g.Seed, g.Stream, position, 0);
            if (Bits.TryBelow(x0 | ((ulong)x1 << 32), range, out ulong v)) return v;
            return new ElementStream(g.Seed, g.Stream, position, firstDraw: 1).NextBelow(range);
        }
    }
}

namespace Scratch.ML
{
    public static partial class Tensor
    {
        /// <summary>A uniformly random permutation of 0 … n − 1 as an int64 tensor (PyTorch's <c>randperm</c>).</summary>
        /// <exception cref="ArgumentOutOfRangeException">n is negative.</exception>
        public static Tensor<long> RandPerm(int n, Generator generator)
        {
            int[] p = generator.Permutation(n);
            var data = new long[n];
            for (int i = 0; i < n; i++) data[i] = p[i];
            return Wrap(data);
        }
    }
}
