namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged
    {
        /// <summary>
        /// Shifts elements cyclically along <paramref name="axis"/>: <c>y[…, (i + shift) mod n, …] = x[…, i, …]</c>
        /// (PyTorch's <c>roll</c>). With no axis the tensor is flattened, rolled and reshaped back. Negative shifts
        /// roll backwards; shifts larger than n wrap.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is out of range.</exception>
        public Tensor<T> Roll(int shift, int? axis = null)
        {
            if (axis is int a) return x.Roll([shift], [a]);
            return x.Reshape(-1).Roll([shift], [0]).Reshape(x.Shape);
        }

        /// <summary>
        /// Rolls several axes at once: <paramref name="shifts"/>[k] along <paramref name="axes"/>[k]. Composite over
        /// Copy: each of the 2^k blocks (before/after the wrap point on each axis) is one copy.
        /// </summary>
        /// <exception cref="ArgumentException">The lists differ in length, are empty, or an axis repeats.</exception>
        public Tensor<T> Roll(ReadOnlySpan<int> shifts, ReadOnlySpan<int> axes)
        {
            if (shifts.Length != axes.Length || shifts.IsEmpty)
                throw new ArgumentException($"Roll: expected one shift per axis, got shifts {Shapes.Format(shifts)} and axes {Shapes.Format(axes)}.", nameof(shifts));
            var norm = new int[axes.Length];
            var s = new int[axes.Length];
            for (int k = 0; k < axes.Length; k++)
            {
                norm[k] = Shapes.NormalizeAxis(axes[k], x.Rank, nameof(axes));
                for (int j = 0; j < k; j++)
                    if (norm[j] == norm[k]) throw new ArgumentException($"Roll: axis {norm[k]} appears more than once in {Shapes.Format(axes)}.", nameof(axes));
                int n = x.shape[norm[k]];
                s[k] = n == 0 ? 0 : (int)(((long)shifts[k] % n + n) % n);
            }
            var y = Tensor<T>.Allocate(x.ShapeArray(), x.Device);
            // Block "mask": bit k chooses, on axis norm[k], source [n − s, n) → destination [0, s) (bit set) or
            // source [0, n − s) → destination [s, n) (bit clear).
            for (int mask = 0; y.Length > 0 && mask < 1 << axes.Length; mask++)
            {
                Tensor<T> src = x, dst = y;
                bool emptyBlock = false;
                for (int k = 0; k < axes.Length; k++)
                {
                    int a = norm[k], n = x.shape[a];
                    bool wrapped = (mask >> k & 1) != 0;
                    int count = wrapped ? s[k] : n - s[k];
                    if (count == 0) { emptyBlock = true; break; }
                    src = AxisViews.Range(src, a, wrapped ? n - s[k] : 0, count);
                    dst = AxisViews.Range(dst, a, wrapped ? 0 : s[k], count);
                }
                if (!emptyBlock) x.Device.Backend.Copy(src, dst);
            }
            if (!Autograd.IsRecording(x)) return y;
            // ∂/∂x: the gradient rolled back by the opposite shifts.
            var back = new int[s.Length];
            for (int k = 0; k < s.Length; k++) back[k] = -s[k];
            return Autograd.Record(y, "roll", x, static (g, n) =>
            {
                var (sh, ax) = n.State<(int[], int[])>();
                return g.Roll(sh, ax);
            }, (back, norm));
        }
    }
}
