namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged
    {
        /// <summary>
        /// Picks values along <paramref name="axis"/> by index (PyTorch's <c>gather</c>): for every position p of
        /// <paramref name="index"/>, <c>y[p] = x[p₀, …, index[p], …, pₙ₋₁]</c> (index[p] replaces the axis coordinate).
        /// For a 2-d x and axis 1: <c>y[i, j] = x[i, index[i, j]]</c>.
        /// </summary>
        /// <remarks>
        /// Shapes: index has x's rank and <c>index.Size(d) ≤ x.Size(d)</c> for d ≠ axis; y has index's shape.
        /// Negative indices are rejected, as in PyTorch's gather. Index may be any strided or broadcast view.
        /// </remarks>
        /// <exception cref="ArgumentException">Ranks differ, index is larger than x on a non-indexed axis, or devices differ.</exception>
        /// <exception cref="IndexOutOfRangeException">An index is outside [0, x.Size(axis)); the message names the value, the axis and its size.</exception>
        public Tensor<T> Gather(int axis, Tensor<long> index)
        {
            ArgumentNullException.ThrowIfNull(index);
            Devices.RequireSame("Gather", x, index);
            int a = Shapes.NormalizeAxis(axis, x.Rank);
            IndexChecks.IndexFits("Gather", index, x, "x", a);
            var y = Tensor<T>.Allocate(index.ShapeArray(), x.Device);
            try { x.Device.Backend.Gather(x, a, index, y); }
            catch (IndexOutOfRangeException e) { throw IndexChecks.Named("Gather", e); }
            if (!Autograd.IsRecording(x)) return y;
            // ∂/∂x: the gradient added back where each value came from (scatter-add into zeros; repeats accumulate).
            return Autograd.Record(y, "gather", x, static (g, n) =>
            {
                var (ax, ix) = n.State<(int, Tensor<long>)>();
                return StructuralGrads.IndexAddIntoZeros(g, n.Input(0).ShapeArray(), ax, ix);
            }, (a, index));
        }

        /// <summary>
        /// Selects whole slices along <paramref name="axis"/> (PyTorch's <c>index_select</c>, NumPy's <c>take</c> with
        /// an axis): <c>y[…, k, …] = x[…, index[k], …]</c>; y has x's shape with the axis resized to index's length.
        /// Repeats and any order are allowed; negative indices are rejected, as in PyTorch.
        /// </summary>
        /// <remarks>A composite over the Gather primitive: index is viewed along the axis with stride 0 on every other axis.</remarks>
        /// <exception cref="ArgumentException">index is not 1-d (a 0-d index counts as length 1), or devices differ.</exception>
        /// <exception cref="IndexOutOfRangeException">An index is outside [0, x.Size(axis)).</exception>
        public Tensor<T> IndexSelect(int axis, Tensor<long> index)
        {
            ArgumentNullException.ThrowIfNull(index);
            Devices.RequireSame("IndexSelect", x, index);
            if (index.Rank > 1)
                throw new ArgumentException($"IndexSelect: index must be 1-d, got shape {Shapes.Format(index.Shape)}.", nameof(index));
            int a = Shapes.NormalizeAxis(axis, x.Rank);
            var outShape = x.ShapeArray();
            outShape[a] = index.Length;
            var strides = new int[x.Rank];
            strides[a] = index.Rank == 1 ? index.strides[0] : 0;
            var expanded = new Tensor<long>(index.storage, outShape, strides, index.offset, trusted: true);
            var y = Tensor<T>.Allocate((int[])outShape.Clone(), x.Device);
            try { x.Device.Backend.Gather(x, a, expanded, y); }
            catch (IndexOutOfRangeException e) { throw IndexChecks.Named("IndexSelect", e); }
            if (!Autograd.IsRecording(x)) return y;
            // ∂/∂x: index-add of the gradient's slices into zeros (the expanded index makes it one scatter-add).
            return Autograd.Record(y, "index_select", x, static (g, n) =>
            {
                var (ax, ix) = n.State<(int, Tensor<long>)>();
                return StructuralGrads.IndexAddIntoZeros(g, n.Input(0).ShapeArray(), ax, ix);
            }, (a, expanded));
        }

        /// <summary>
        /// NumPy's <c>take_along_axis</c> / PyTorch's <c>take_along_dim</c>: like <see cref="Gather"/>, but the axes
        /// other than <paramref name="axis"/> broadcast between x and <paramref name="indices"/> (typical use: the
        /// output of an arg-sort or arg-max with keep-dims). Negative indices are rejected, as in PyTorch.
        /// </summary>
        /// <exception cref="ArgumentException">Ranks differ, the other axes cannot be broadcast (both shapes are named), or devices differ.</exception>
        /// <exception cref="IndexOutOfRangeException">An index is outside [0, x.Size(axis)).</exception>
        public Tensor<T> TakeAlongAxis(Tensor<long> indices, int axis)
        {
            ArgumentNullException.ThrowIfNull(indices);
            Devices.RequireSame("TakeAlongAxis", x, indices);
            if (indices.Rank != x.Rank)
                throw new ArgumentException($"TakeAlongAxis: indices of shape {Shapes.Format(indices.Shape)} must have the same number of axes as x of shape {Shapes.Format(x.Shape)}.", nameof(indices));
            int a = Shapes.NormalizeAxis(axis, x.Rank);
            var xs = x.ShapeArray();
            var ixs = indices.ShapeArray();
            xs[a] = 1;
            ixs[a] = 1;
            var outShape = Shapes.Broadcast(xs, ixs, "TakeAlongAxis");
            outShape[a] = indices.shape[a];
            var xTarget = (int[])outShape.Clone();
            xTarget[a] = x.shape[a];
            var xView = x.BroadcastView(xTarget);
            var iView = indices.BroadcastView(outShape);
            var y = Tensor<T>.Allocate(outShape, x.Device);
            try { x.Device.Backend.Gather(xView, a, iView, y); }
            catch (IndexOutOfRangeException e) { throw IndexChecks.Named("TakeAlongAxis", e); }
            if (!Autograd.IsRecording(x)) return y;
            // ∂/∂x: scatter-add into zeros of the broadcast x, then sum the broadcasting away.
            return Autograd.Record(y, "take_along_axis", x, static (g, n) =>
            {
                var (ax, ix, target) = n.State<(int, Tensor<long>, int[])>();
                return StructuralGrads.SumTo(StructuralGrads.IndexAddIntoZeros(g, target, ax, ix), n.Input(0).ShapeArray());
            }, (a, iView, xTarget));
        }
    }
}
