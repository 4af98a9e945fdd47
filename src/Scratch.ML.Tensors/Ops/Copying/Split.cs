namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged
    {
        /// <summary>
        /// Splits <paramref name="axis"/> into pieces of <paramref name="sectionSize"/> elements (the last piece may be
        /// smaller), like PyTorch's <c>split(int)</c>. The pieces are views sharing x's storage (no copy), each a recorded narrow, so gradients flow back; an axis of
        /// size 0 gives one empty piece.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="sectionSize"/> is not positive, or the axis is out of range.</exception>
        public Tensor<T>[] Split(int sectionSize, int axis = 0)
        {
            int a = Shapes.NormalizeAxis(axis, x.Rank);
            if (sectionSize <= 0)
                throw new ArgumentOutOfRangeException(nameof(sectionSize), sectionSize, $"Split: sectionSize must be positive, got {sectionSize}.");
            int n = x.shape[a];
            int pieces = Math.Max(1, (n + sectionSize - 1) / sectionSize);
            var result = new Tensor<T>[pieces];
            for (int p = 0; p < pieces; p++)
            {
                int start = p * sectionSize;
                result[p] = x.Narrow(a, start, Math.Min(sectionSize, n - start));
            }
            return result;
        }

        /// <summary>
        /// Splits <paramref name="axis"/> into consecutive pieces of the given sizes, which must sum to the axis size
        /// (PyTorch's <c>split(list)</c>). The pieces are views; sizes of 0 give empty views.
        /// </summary>
        /// <exception cref="ArgumentException">A size is negative or the sizes do not sum to the axis size.</exception>
        public Tensor<T>[] Split(ReadOnlySpan<int> sizes, int axis = 0)
        {
            int a = Shapes.NormalizeAxis(axis, x.Rank);
            long sum = 0;
            foreach (int s in sizes)
            {
                if (s < 0) throw new ArgumentException($"Split: sizes {Shapes.Format(sizes)} contain a negative size {s}.", nameof(sizes));
                sum += s;
            }
            if (sum != x.shape[a])
                throw new ArgumentException($"Split: sizes {Shapes.Format(sizes)} sum to {sum} but axis {a} of shape {Shapes.Format(x.Shape)} has size {x.shape[a]}.", nameof(sizes));
            var result = new Tensor<T>[sizes.Length];
            int start = 0;
            for (int p = 0; p < sizes.Length; p++)
            {
                result[p] = x.Narrow(a, start, sizes[p]);
                start += sizes[p];
            }
            return result;
        }

        /// <summary>
        /// Splits <paramref name="axis"/> into at most <paramref name="chunks"/> views of ⌈n / chunks⌉ elements each
        /// (the last may be smaller, and fewer chunks are returned when n is small), exactly like PyTorch's <c>chunk</c>.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunks"/> is not positive.</exception>
        public Tensor<T>[] Chunk(int chunks, int axis = 0)
        {
            if (chunks <= 0)
                throw new ArgumentOutOfRangeException(nameof(chunks), chunks, $"Chunk: the number of chunks must be positive, got {chunks}.");
            int a = Shapes.NormalizeAxis(axis, x.Rank);
            int n = x.shape[a];
            int size = (n + chunks - 1) / chunks;
            return n == 0 ? [x.Narrow(a, 0, 0)] : x.Split(size, a);
        }
    }
}
