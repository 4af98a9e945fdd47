namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged
    {
        /// <summary>
        /// Tiles the whole tensor <paramref name="repeats"/>[k] times along each axis (PyTorch's <c>repeat</c>):
        /// <c>y[i₀, …] = x[i₀ mod n₀, …]</c>. There must be at least rank repeats; extra leading repeats add new axes
        /// (x is treated as having leading size-1 axes). Output shape: <c>nₖ · repeatsₖ</c>.
        /// </summary>
        /// <remarks>
        /// One Copy: the output, viewed as <c>(r₀, n₀, r₁, n₁, …)</c>, receives x read with stride 0 on every
        /// <c>rₖ</c> axis.
        /// </remarks>
        /// <exception cref="ArgumentException">Fewer repeats than axes, or a negative repeat.</exception>
        public Tensor<T> Repeat(params ReadOnlySpan<int> repeats)
        {
            var y = x.Detach().RepeatForward(repeats);
            if (!Autograd.IsRecording(x)) return y;
            // ∂/∂x: the gradient viewed as (r₀, n₀, r₁, n₁, …) summed over every rₖ axis.
            int d = repeats.Length, lead = d - x.Rank;
            var pairShape = new int[2 * d];
            var sumAxes = new int[d];
            for (int k = 0; k < d; k++)
            {
                pairShape[2 * k] = repeats[k];
                pairShape[2 * k + 1] = k < lead ? 1 : x.shape[k - lead];
                sumAxes[k] = 2 * k;
            }
            return Autograd.Record(y, "repeat", x, static (g, n) =>
            {
                var (pairs, axes) = n.State<(int[], int[])>();
                return StructuralGrads.Sum(g.Reshape(pairs), axes, false).Reshape(n.Input(0).Shape);
            }, (pairShape, sumAxes));
        }

        /// <summary>The copy behind <see cref="Repeat"/>, without recording.</summary>
        internal Tensor<T> RepeatForward(ReadOnlySpan<int> repeats)
        {
            if (repeats.Length < x.Rank)
                throw new ArgumentException($"Repeat: expected at least {x.Rank} repeats for shape {Shapes.Format(x.Shape)}, got {Shapes.Format(repeats)}.", nameof(repeats));
            int d = repeats.Length, lead = d - x.Rank;
            var outShape = new int[d];
            for (int k = 0; k < d; k++)
            {
                if (repeats[k] < 0) throw new ArgumentException($"Repeat: repeats {Shapes.Format(repeats)} contain a negative value.", nameof(repeats));
                int n = k < lead ? 1 : x.shape[k - lead];
                outShape[k] = checked(n * repeats[k]);
            }
            var y = Tensor<T>.Allocate(outShape, x.Device);
            if (y.Length == 0) return y;
            var ys = y.strides;
            var pairShape = new int[2 * d];
            var dstStrides = new int[2 * d];
            var srcStrides = new int[2 * d];
            for (int k = 0; k < d; k++)
            {
                int n = k < lead ? 1 : x.shape[k - lead];
                pairShape[2 * k] = repeats[k];
                pairShape[2 * k + 1] = n;
                dstStrides[2 * k] = n * ys[k];
                dstStrides[2 * k + 1] = ys[k];
                srcStrides[2 * k] = 0;
                srcStrides[2 * k + 1] = k < lead ? 0 : x.strides[k - lead];
            }
            var src = new Tensor<T>(x.storage, pairShape, srcStrides, x.offset, trusted: true);
            var dst = new Tensor<T>(y.storage, (int[])pairShape.Clone(), dstStrides, 0, trusted: true);
            x.Device.Backend.Copy(src, dst);
            return y;
        }

        /// <summary>
        /// NumPy's <c>tile</c>: like <see cref="Repeat"/>, but fewer reps than axes is allowed (reps are padded with
        /// leading 1s, so <c>Tile([2])</c> on a matrix repeats its columns).
        /// </summary>
        /// <exception cref="ArgumentException">A negative rep.</exception>
        public Tensor<T> Tile(params ReadOnlySpan<int> reps)
        {
            if (reps.Length >= x.Rank) return x.Repeat(reps);
            var padded = new int[x.Rank];
            padded.AsSpan().Fill(1);
            reps.CopyTo(padded.AsSpan(x.Rank - reps.Length));
            return x.Repeat(padded);
        }

        /// <summary>
        /// Repeats each element <paramref name="repeats"/> times in place along <paramref name="axis"/> (PyTorch's
        /// <c>repeat_interleave</c>, NumPy's <c>repeat</c>): <c>[a b] → [a a b b]</c>. With no axis the input is
        /// flattened first and the result is 1-d.
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="repeats"/> is negative or the axis is out of range.</exception>
        public Tensor<T> RepeatInterleave(int repeats, int? axis = null)
        {
            if (axis is null) return x.Reshape(-1).RepeatInterleave(repeats, 0);
            int ax = Shapes.NormalizeAxis(axis.Value, x.Rank);
            var y = x.Detach().RepeatInterleaveForward(repeats, ax);
            if (!Autograd.IsRecording(x)) return y;
            // ∂/∂x: the gradient with the axis split into (n, repeats), summed over the repeats.
            return Autograd.Record(y, "repeat_interleave", x, static (g, n) =>
            {
                var (a, r) = n.State<(int, int)>();
                var split = n.Input(0).ShapeArray().ToList();
                split.Insert(a + 1, r);
                return StructuralGrads.Sum(g.Reshape(split.ToArray()), [a + 1], false);
            }, (ax, repeats));
        }

        /// <summary>The copy behind <c>RepeatInterleave(int, int?)</c>, without recording.</summary>
        internal Tensor<T> RepeatInterleaveForward(int repeats, int? axis)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(repeats);
            var src0 = axis is null ? x.Reshape(-1) : x;
            int a = Shapes.NormalizeAxis(axis ?? 0, src0.Rank);
            var outShape = src0.ShapeArray();
            outShape[a] = checked(outShape[a] * repeats);
            var y = Tensor<T>.Allocate(outShape, x.Device);
            if (y.Length == 0) return y;
            // Output viewed with axis a split into (n, repeats); source gets a stride-0 axis of size repeats after a.
            var shape = new List<int>(src0.shape);
            shape.Insert(a + 1, repeats);
            var srcStrides = new List<int>(src0.strides);
            srcStrides.Insert(a + 1, 0);
            var dstStrides = new List<int>(y.strides);
            dstStrides[a] = y.strides[a] * repeats;
            dstStrides.Insert(a + 1, y.strides[a]);
            var src = new Tensor<T>(src0.storage, shape.ToArray(), srcStrides.ToArray(), src0.offset, trusted: true);
            var dst = new Tensor<T>(y.storage, shape.ToArray(), dstStrides.ToArray(), 0, trusted: true);
            x.Device.Backend.Copy(src, dst);
            return y;
        }

        /// <summary>
        /// Repeats element <c>i</c> of <paramref name="axis"/> <paramref name="repeats"/>[i] times (PyTorch's
        /// <c>repeat_interleave</c> with a repeats list). One repeat count applies to every element.
        /// </summary>
        /// <exception cref="ArgumentException">The repeats list has neither 1 nor n entries, or a negative entry.</exception>
        public Tensor<T> RepeatInterleave(ReadOnlySpan<int> repeats, int axis)
        {
            if (repeats.Length == 1) return x.RepeatInterleave(repeats[0], axis);
            int ax = Shapes.NormalizeAxis(axis, x.Rank);
            var y = x.Detach().RepeatInterleaveForward(repeats, ax);
            if (!Autograd.IsRecording(x)) return y;
            // ∂/∂x: an index-add — output position p came from input position source[p] along the axis.
            var source = new long[y.shape[ax]];
            for (int i = 0, p = 0; i < repeats.Length; i++)
                for (int k = 0; k < repeats[i]; k++) source[p++] = i;
            var index = Tensor.FromSpan<long>(source, [source.Length], x.Device);
            var strides = new int[x.Rank];
            strides[ax] = 1;
            var expanded = new Tensor<long>(index.storage, y.ShapeArray(), strides, 0, trusted: true);
            return Autograd.Record(y, "repeat_interleave", x, static (g, n) =>
            {
                var (a, ix) = n.State<(int, Tensor<long>)>();
                return StructuralGrads.IndexAddIntoZeros(g, n.Input(0).ShapeArray(), a, ix);
            }, (ax, expanded));
        }

        /// <summary>The copies behind the repeats-list <c>RepeatInterleave</c>, without recording.</summary>
        internal Tensor<T> RepeatInterleaveForward(ReadOnlySpan<int> repeats, int axis)
        {
            int a = Shapes.NormalizeAxis(axis, x.Rank);
            int n = x.shape[a];
            if (repeats.Length == 1) return x.RepeatInterleave(repeats[0], a);
            if (repeats.Length != n)
                throw new ArgumentException($"RepeatInterleave: expected 1 or {n} repeats for axis {a} of shape {Shapes.Format(x.Shape)}, got {repeats.Length}.", nameof(repeats));
            long total = 0;
            foreach (int r in repeats)
            {
                if (r < 0) throw new ArgumentException($"RepeatInterleave: repeats contain a negative value {r}.", nameof(repeats));
                total += r;
            }
            var outShape = x.ShapeArray();
            outShape[a] = checked((int)total);
            var y = Tensor<T>.Allocate(outShape, x.Device);
            if (y.Length == 0) return y;
            int pos = 0;
            for (int i = 0; i < n; i++)
            {
                if (repeats[i] == 0) continue;
                var src = PadBorders.Stretch(AxisViews.Range(x, a, i, 1), a, repeats[i]);
                x.Device.Backend.Copy(src, AxisViews.Range(y, a, pos, repeats[i]));
                pos += repeats[i];
            }
            return y;
        }
    }
}
