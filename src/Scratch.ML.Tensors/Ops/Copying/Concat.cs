namespace Scratch.ML;

public static partial class Tensor
{
    /// <summary>
    /// Joins tensors along an existing axis (PyTorch's <c>cat</c>, NumPy's <c>concatenate</c>). Every input must have
    /// the same rank and the same size on every other axis; the result's size on <paramref name="axis"/> is the sum of
    /// the inputs' sizes. Inputs of size 0 on the axis contribute nothing.
    /// </summary>
    /// <remarks>
    /// Shapes: <c>(…, nᵢ, …)</c> for each input → <c>(…, Σ nᵢ, …)</c>. A composite over the Copy primitive: each input
    /// is copied into its slab of a freshly allocated contiguous output, so any layout (strided, negative strides,
    /// stride-0 broadcast) and any device works.
    /// </remarks>
    /// <param name="tensors">The inputs, at least one, all of rank ≥ 1 and on one device.</param>
    /// <param name="axis">The axis to join along (negative counts from the end).</param>
    /// <exception cref="ArgumentException">No inputs, a 0-d input, ranks or shapes that differ (the message names both
    /// shapes and the offending input), or different devices.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is outside [−rank, rank).</exception>
    public static Tensor<T> Concat<T>(ReadOnlySpan<Tensor<T>> tensors, int axis = 0) where T : unmanaged
    {
        if (tensors.IsEmpty) throw new ArgumentException("Concat: expected at least one tensor, got none.", nameof(tensors));
        AxisViews.RequireSameDevice("Concat", tensors);
        var first = tensors[0];
        if (first.Rank == 0)
            throw new ArgumentException("Concat: tensors[0] is 0-d; zero-dimensional tensors cannot be concatenated (use Stack).", nameof(tensors));
        int a = Shapes.NormalizeAxis(axis, first.Rank);
        long total = 0;
        for (int i = 0; i < tensors.Length; i++)
        {
            var t = tensors[i];
            bool ok = t.Rank == first.Rank;
            for (int k = 0; ok && k < first.Rank; k++) ok = k == a || t.shape[k] == first.shape[k];
            if (!ok)
                throw new ArgumentException(
                    $"Concat: tensors[{i}] has shape {Shapes.Format(t.Shape)} but tensors[0] has shape {Shapes.Format(first.Shape)}; all sizes except axis {a} must match.",
                    nameof(tensors));
            total += t.shape[a];
        }
        var outShape = first.ShapeArray();
        outShape[a] = checked((int)total);
        var result = Tensor<T>.Allocate(outShape, first.Device);
        var backend = first.Device.Backend;
        int position = 0;
        foreach (var t in tensors)
        {
            int n = t.shape[a];
            if (n > 0 && t.Length > 0) backend.Copy(t, AxisViews.Range(result, a, position, n));
            position += n;
        }
        if (!AnyRecording(tensors)) return result;
        // ∂/∂tensors[i]: the gradient's slab [start, start + nᵢ) along the axis (a narrow view, differentiable again).
        var sizes = new int[tensors.Length];
        for (int i = 0; i < sizes.Length; i++) sizes[i] = tensors[i].shape[a];
        return Autograd.Record(result, "cat", tensors.ToArray(), static (g, n) =>
        {
            var (ax, ns) = n.State<(int, int[])>();
            var grads = new Tensor<T>?[ns.Length];
            for (int i = 0, start = 0; i < ns.Length; start += ns[i++])
                if (n.NeedsGrad(i)) grads[i] = g.Narrow(ax, start, ns[i]);
            return grads;
        }, (a, sizes));
    }

    /// <summary>
    /// Joins equally shaped tensors along a new axis (PyTorch's and NumPy's <c>stack</c>):
    /// <c>k</c> inputs of shape <c>S</c> give shape <c>S[..axis] + (k,) + S[axis..]</c>.
    /// </summary>
    /// <param name="tensors">The inputs, at least one, all of one shape and on one device.</param>
    /// <param name="axis">The position of the new axis in the result, in [−(rank+1), rank].</param>
    /// <exception cref="ArgumentException">No inputs, shapes that differ (the message names both), or different devices.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is out of range for rank + 1.</exception>
    public static Tensor<T> Stack<T>(ReadOnlySpan<Tensor<T>> tensors, int axis = 0) where T : unmanaged
    {
        if (tensors.IsEmpty) throw new ArgumentException("Stack: expected at least one tensor, got none.", nameof(tensors));
        AxisViews.RequireSameDevice("Stack", tensors);
        var first = tensors[0];
        int a = Shapes.NormalizeAxis(axis, first.Rank + 1);
        for (int i = 1; i < tensors.Length; i++)
            if (!Shapes.Equal(tensors[i].Shape, first.Shape))
                throw new ArgumentException(
                    $"Stack: tensors[{i}] has shape {Shapes.Format(tensors[i].Shape)} but tensors[0] has shape {Shapes.Format(first.Shape)}; stacked tensors must have equal shapes.",
                    nameof(tensors));
        var outShape = new int[first.Rank + 1];
        for (int k = 0, j = 0; k < outShape.Length; k++) outShape[k] = k == a ? tensors.Length : first.shape[j++];
        var result = Tensor<T>.Allocate(outShape, first.Device);
        var backend = first.Device.Backend;
        for (int i = 0; i < tensors.Length && result.Length > 0; i++)
            backend.Copy(tensors[i], result.Select(a, i));
        if (!AnyRecording(tensors)) return result;
        // ∂/∂tensors[i]: position i of the new axis of the gradient.
        return Autograd.Record(result, "stack", tensors.ToArray(), static (g, n) =>
        {
            int ax = n.State<int>();
            var grads = new Tensor<T>?[n.InputCount];
            for (int i = 0; i < grads.Length; i++)
                if (n.NeedsGrad(i)) grads[i] = g.Select(ax, i);
            return grads;
        }, a);
    }

    /// <summary>Whether grad mode is on and some tensor of the list requires a gradient.</summary>
    private static bool AnyRecording<T>(ReadOnlySpan<Tensor<T>> tensors) where T : unmanaged
    {
        if (!Autograd.IsEnabled) return false;
        foreach (var t in tensors) if (t.RequiresGrad) return true;
        return false;
    }
}
