namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged
    {
        /// <summary>
        /// Integer-array ("advanced") indexing of the leading axes, NumPy's <c>x[i, j]</c> with index arrays:
        /// the k index tensors broadcast to one shape B, and
        /// <c>y[p, r…] = x[i₀[p], …, iₖ₋₁[p], r…]</c>; y has shape <c>B + x.Shape[k..]</c>. Negative indices count
        /// from the end, as in NumPy and PyTorch indexing. Always a copy. Example: <c>x.Index(rows, cols)</c> picks
        /// the elements <c>x[rows[n], cols[n]]</c>; <c>x.Index(rows)</c> picks whole rows.
        /// </summary>
        /// <exception cref="ArgumentException">No indices, more indices than axes, index shapes that do not broadcast, or different devices.</exception>
        /// <exception cref="IndexOutOfRangeException">An index is outside [−n, n) for its axis; the message names the value, the axis and its size.</exception>
        public Tensor<T> Index(params ReadOnlySpan<Tensor<long>> indices)
        {
            var (b, views) = AdvancedIndexChecks.Broadcast("Index", x, indices);
            var outShape = b.Concat(x.shape.Skip(views.Length)).ToArray();
            var y = Tensor<T>.Allocate(outShape, x.Device);
            try { x.Device.Backend.IndexGather(x, views, y); }
            catch (IndexOutOfRangeException e) { throw IndexChecks.Named("Index", e); }
            if (!Autograd.IsRecording(x)) return y;
            // ∂/∂x: index-put with accumulation into zeros (repeated index tuples add up).
            return Autograd.Record(y, "index", x, static (g, n) =>
                Tensor.Zeros<T>(g.Device, n.Input(0).Shape).IndexPut(n.State<Tensor<long>[]>(), g, accumulate: true), views);
        }

        /// <summary>
        /// A copy of x with <c>y[i₀[p], …, iₖ₋₁[p], r…] = values[p, r…]</c> (NumPy's <c>x[i, j] = values</c>, PyTorch's
        /// <c>index_put</c>); values broadcast to <c>B + x.Shape[k..]</c>. With repeated index tuples the last write in
        /// row-major order wins; with <paramref name="accumulate"/> the values are summed in that fixed order instead.
        /// </summary>
        /// <exception cref="ArgumentException">Bad index count or shapes, values that do not broadcast (both shapes named), or different devices.</exception>
        /// <exception cref="IndexOutOfRangeException">An index is outside [−n, n) for its axis.</exception>
        /// <exception cref="NotSupportedException"><paramref name="accumulate"/> with a non-numeric element type (bool).</exception>
        /// <remarks>Gradients: ∂/∂x is the gradient, with zeros where x was overwritten (unless accumulating);
        /// ∂/∂values is the gradient read at the index tuples (zero for writes a later repeat overwrote), summed over
        /// the axes values was broadcast along.</remarks>
        public Tensor<T> IndexPut(ReadOnlySpan<Tensor<long>> indices, Tensor<T> values, bool accumulate = false)
        {
            ArgumentNullException.ThrowIfNull(values);
            var y = x.Detach().Clone().IndexPutInPlace(indices, values.Detach(), accumulate);
            if (!Autograd.IsRecording(x, values)) return y;
            var (_, views) = AdvancedIndexChecks.Broadcast("IndexPut", x, indices);
            return Autograd.Record(y, "index_put", x, values, static (g, n) =>
            {
                var (ix, acc) = n.State<(Tensor<long>[], bool)>();
                var gx = !n.NeedsGrad(0) ? null : acc ? g : g.IndexPut(ix, Tensor.Scalar(default(T), g.Device));
                Tensor<T>? gv = null;
                if (n.NeedsGrad(1))
                {
                    gv = g.Index(ix);
                    if (!acc)
                    {
                        var won = StructuralGrads.Winners(gv.ShapeArray(), g.ShapeArray(), g.Device,
                            (target, ids) => target.IndexPutInPlace(ix, ids), written => written.Index(ix));
                        gv = StructuralGrads.KeepWhere(gv, won);
                    }
                    gv = StructuralGrads.SumTo(gv, n.Input(1).ShapeArray());
                }
                return (gx, gv);
            }, (views, accumulate));
        }

        /// <summary>In-place <see cref="IndexPut"/> (PyTorch's <c>index_put_</c>), writing through x's strides; returns x. Nothing is written when an index is out of range.</summary>
        /// <exception cref="ArgumentException">Bad index count or shapes, values that do not broadcast, or different devices.</exception>
        /// <exception cref="IndexOutOfRangeException">An index is outside [−n, n) for its axis.</exception>
        /// <exception cref="NotSupportedException"><paramref name="accumulate"/> with a non-numeric element type (bool).</exception>
        public Tensor<T> IndexPutInPlace(ReadOnlySpan<Tensor<long>> indices, Tensor<T> values, bool accumulate = false)
        {
            ArgumentNullException.ThrowIfNull(values);
            Autograd.CheckInPlace("IndexPut", x);
            Devices.RequireSame("IndexPut", x, values);
            var (b, views) = AdvancedIndexChecks.Broadcast("IndexPut", x, indices);
            var target = b.Concat(x.shape.Skip(views.Length)).ToArray();
            var shape = Shapes.Broadcast(values.Shape, target, "IndexPut");
            if (!Shapes.Equal(shape, target))
                throw new ArgumentException($"IndexPut: values of shape {Shapes.Format(values.Shape)} do not broadcast to the indexed shape {Shapes.Format(target)}.", nameof(values));
            try { x.Device.Backend.IndexPut(x, views, values.BroadcastView(target), accumulate); }
            catch (IndexOutOfRangeException e) { throw IndexChecks.Named("IndexPut", e); }
            return x;
        }
    }
}

/// <summary>Validation and broadcasting of advanced-index lists.</summary>
internal static class AdvancedIndexChecks
{
    /// <summary>Checks the index list and returns the broadcast index shape B and the indices viewed as B.</summary>
    public static (int[] B, Tensor<long>[] Views) Broadcast<T>(string op, Tensor<T> x, ReadOnlySpan<Tensor<long>> indices) where T : unmanaged
    {
        if (indices.IsEmpty)
            throw new ArgumentException($"{op}: expected at least one index tensor.", nameof(indices));
        if (indices.Length > x.Rank)
            throw new ArgumentException($"{op}: {indices.Length} index tensors for a tensor of shape {Shapes.Format(x.Shape)} with only {x.Rank} axes.", nameof(indices));
        int[] b = [];
        for (int j = 0; j < indices.Length; j++)
        {
            if (indices[j] is null) throw new ArgumentNullException(nameof(indices), $"{op}: indices[{j}] is null.");
            Devices.RequireSame(op, x, indices[j]);
            b = j == 0 ? indices[j].ShapeArray() : Shapes.Broadcast(b, indices[j].Shape, $"{op} (index shapes)");
        }
        var views = new Tensor<long>[indices.Length];
        for (int j = 0; j < views.Length; j++) views[j] = indices[j].BroadcastView(b);
        return (b, views);
    }
}
