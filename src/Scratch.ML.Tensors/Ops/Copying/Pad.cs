namespace Scratch.ML;

/// <summary>How <see cref="Tensor.Pad{T}"/> fills the border it adds.</summary>
public enum PadMode
{
    /// <summary>Every new element is the given constant (PyTorch's <c>'constant'</c>).</summary>
    Constant,
    /// <summary>Mirror without repeating the edge: <c>[a b c d]</c> padded by 2 → <c>c b [a b c d] c b</c>. Each pad must be smaller than the axis.</summary>
    Reflect,
    /// <summary>Repeat the edge element: <c>a a [a b c d] d d</c>. The axis must not be empty.</summary>
    Replicate,
    /// <summary>Wrap around: <c>c d [a b c d] a b</c>. Each pad must be at most the axis size.</summary>
    Circular,
}

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged
    {
        /// <summary>
        /// Adds a border to the last <c>pad.Length / 2</c> axes. The pad list is in PyTorch's order, <b>last axis
        /// first</b>: <c>(left₋₁, right₋₁, left₋₂, right₋₂, …)</c>, so <c>Pad([1, 2])</c> adds one element before
        /// and two after along the last axis. Output size per padded axis: <c>n + left + right</c>.
        /// </summary>
        /// <remarks>
        /// A composite over Copy and Fill: the input is copied into the centre of a fresh output, then, axis by axis,
        /// the border slabs are copied from the already filled centre (reflect uses a negative-stride view, replicate
        /// a stride-0 view, circular a plain slab). Negative pads crop, and are allowed only in
        /// <see cref="PadMode.Constant"/> mode, as in PyTorch.
        /// </remarks>
        /// <param name="pad">An even number of pads, at most 2 × rank.</param>
        /// <param name="mode">How the border is filled.</param>
        /// <param name="value">The fill value for <see cref="PadMode.Constant"/> (ignored otherwise).</param>
        /// <exception cref="ArgumentException">The pad list has odd length or more than 2 × rank entries; a pad is
        /// negative outside constant mode; a reflect pad is ≥ the axis size; a circular pad exceeds the axis size;
        /// replicate/reflect/circular of an empty axis; or cropping below zero.</exception>
        /// <remarks>Gradient: constant mode crops the gradient back (a pad by the negated pads); the other modes
        /// also add each border's gradient onto the input element it was copied from (mirrored for reflect, summed
        /// onto the edge for replicate, wrapped for circular). Both are built from recorded ops.</remarks>
        public Tensor<T> Pad(ReadOnlySpan<int> pad, PadMode mode = PadMode.Constant, T value = default)
        {
            var y = PadBorders.Forward(x.Detach(), pad, mode, value);
            if (!Autograd.IsRecording(x)) return y;
            return Autograd.Record(y, "pad", x, static (g, n) =>
            {
                var (p, m) = n.State<(int[], PadMode)>();
                return PadBorders.Adjoint(g, n.Input(0).ShapeArray(), p, m);
            }, (pad.ToArray(), mode));
        }
    }
}

/// <summary>The source views of <see cref="Tensor.Pad{T}"/>'s borders.</summary>
internal static class PadBorders
{
    /// <summary>The forward pass of <see cref="Tensor.Pad{T}"/> (argument checks, then copies).</summary>
    internal static Tensor<T> Forward<T>(Tensor<T> x, ReadOnlySpan<int> pad, PadMode mode, T value) where T : unmanaged
    {
        if (pad.Length % 2 != 0 || pad.Length > 2 * x.Rank)
            throw new ArgumentException($"Pad: expected an even number of pads, at most 2 × rank = {2 * x.Rank} for shape {Shapes.Format(x.Shape)}, got {Shapes.Format(pad)}.", nameof(pad));
        int rank = x.Rank;
        var left = new int[rank];
        var right = new int[rank];
        for (int i = 0; i < pad.Length / 2; i++)
        {
            left[rank - 1 - i] = pad[2 * i];
            right[rank - 1 - i] = pad[2 * i + 1];
        }
        var outShape = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            int n = x.shape[d];
            long size = (long)n + left[d] + right[d];
            if (mode != PadMode.Constant)
            {
                if (left[d] < 0 || right[d] < 0)
                    throw new ArgumentException($"Pad: negative pads ({left[d]}, {right[d]}) on axis {d} are only allowed in Constant mode, not {mode}.", nameof(pad));
                if ((left[d] > 0 || right[d] > 0) && n == 0)
                    throw new ArgumentException($"Pad: {mode} padding of axis {d} needs a non-empty axis, but shape {Shapes.Format(x.Shape)} has size 0 there.", nameof(pad));
                if (mode == PadMode.Reflect && (left[d] >= n || right[d] >= n) && (left[d] > 0 || right[d] > 0))
                    throw new ArgumentException($"Pad: Reflect pads ({left[d]}, {right[d]}) must be smaller than the size {n} of axis {d}.", nameof(pad));
                if (mode == PadMode.Circular && (left[d] > n || right[d] > n))
                    throw new ArgumentException($"Pad: Circular pads ({left[d]}, {right[d]}) must not exceed the size {n} of axis {d}.", nameof(pad));
            }
            if (size < 0)
                throw new ArgumentException($"Pad: pads ({left[d]}, {right[d]}) on axis {d} of size {n} give a negative size {size}.", nameof(pad));
            outShape[d] = checked((int)size);
        }

        var y = Tensor<T>.Allocate(outShape, x.Device);
        var backend = x.Device.Backend;
        if (y.Length == 0) return y;
        if (mode == PadMode.Constant && !EqualityComparer<T>.Default.Equals(value, default)) backend.Fill(y, value);

        // The centre: the overlap of the input (cropped by negative pads) with the output.
        Tensor<T> src = x, dst = y;
        for (int d = 0; d < rank; d++)
        {
            int skipIn = Math.Max(0, -left[d]), skipOut = Math.Max(0, left[d]);
            int count = x.shape[d] - skipIn - Math.Max(0, -right[d]);
            src = AxisViews.Range(src, d, skipIn, Math.Max(0, count));
            dst = AxisViews.Range(dst, d, skipOut, Math.Max(0, count));
        }
        if (src.Length > 0) backend.Copy(src, dst);
        if (mode == PadMode.Constant) return y;

        // Axis by axis: the slab is full on axes already padded and the centre on axes not yet padded, so every
        // border is copied from elements that are already final.
        for (int d = 0; d < rank; d++)
        {
            var slab = y;
            for (int k = d + 1; k < rank; k++) slab = AxisViews.Range(slab, k, left[k], x.shape[k]);
            int n = x.shape[d], l = left[d], r = right[d];
            if (l > 0) backend.Copy(PadBorders.Source(slab, d, n, l, mode, before: true), AxisViews.Range(slab, d, 0, l));
            if (r > 0) backend.Copy(PadBorders.Source(slab, d, n, l, mode, before: false, r), AxisViews.Range(slab, d, l + n, r));
        }
        return y;
    }

    /// <summary>
    /// The VJP of a pad: per padded axis (the 1-axis pads commute), the centre of the gradient plus each border's
    /// gradient added back onto its source elements. Recorded ops only, so it is differentiable again.
    /// </summary>
    internal static Tensor<T> Adjoint<T>(Tensor<T> g, int[] inputShape, int[] pad, PadMode mode) where T : unmanaged
    {
        if (mode == PadMode.Constant)
        {
            var back = new int[pad.Length];
            for (int i = 0; i < pad.Length; i++) back[i] = -pad[i];
            return g.Pad(back);
        }
        int rank = inputShape.Length;
        for (int i = 0; i < pad.Length / 2; i++)
        {
            int d = rank - 1 - i, l = pad[2 * i], r = pad[2 * i + 1], n = inputShape[d];
            if (l == 0 && r == 0) continue;
            var centre = g.Narrow(d, l, n);
            var left = l > 0 ? g.Narrow(d, 0, l) : null;
            var right = r > 0 ? g.Narrow(d, l + n, r) : null;
            switch (mode)
            {
                case PadMode.Reflect: // left j ↦ input l − j, right j ↦ input n − 2 − j
                    if (left is not null) centre = GradMath.Add(centre, StructuralGrads.Embed(left.Flip(d), d, 1, n));
                    if (right is not null) centre = GradMath.Add(centre, StructuralGrads.Embed(right.Flip(d), d, n - 1 - r, n));
                    break;
                case PadMode.Replicate: // every border element copies the edge
                    if (left is not null) centre = GradMath.Add(centre, StructuralGrads.Embed(StructuralGrads.Sum(left, [d], true), d, 0, n));
                    if (right is not null) centre = GradMath.Add(centre, StructuralGrads.Embed(StructuralGrads.Sum(right, [d], true), d, n - 1, n));
                    break;
                default: // circular: left j ↦ input n − l + j, right j ↦ input j
                    if (left is not null) centre = GradMath.Add(centre, StructuralGrads.Embed(left, d, n - l, n));
                    if (right is not null) centre = GradMath.Add(centre, StructuralGrads.Embed(right, d, 0, n));
                    break;
            }
            g = centre;
        }
        return g;
    }

    /// <summary>The view of the padded slab that supplies the left (<paramref name="before"/>) or right border of axis d.</summary>
    internal static Tensor<T> Source<T>(Tensor<T> slab, int d, int n, int l, PadMode mode, bool before, int r = 0) where T : unmanaged
    {
        // Output positions along d: [0, l) left border, [l, l + n) centre (input index i at l + i), then the right border.
        int count = before ? l : r;
        return mode switch
        {
            // Left j ↦ input l − j (positions 2l, 2l−1, …); right j ↦ input n − 2 − j.
            PadMode.Reflect => before ? AxisViews.Range(slab, d, 2 * l, count, -1) : AxisViews.Range(slab, d, l + n - 2, count, -1),
            // Every border element repeats the edge: a size-1 slab read with stride 0.
            PadMode.Replicate => Stretch(AxisViews.Range(slab, d, before ? l : l + n - 1, 1), d, count),
            // Left j ↦ input n − l + j; right j ↦ input j.
            _ => before ? AxisViews.Range(slab, d, n, count) : AxisViews.Range(slab, d, l, count),
        };
    }

    internal static Tensor<T> Stretch<T>(Tensor<T> t, int d, int count) where T : unmanaged
    {
        var shape = t.ShapeArray();
        var strides = (int[])t.strides.Clone();
        shape[d] = count;
        strides[d] = 0;
        return new Tensor<T>(t.storage, shape, strides, t.offset, trusted: true);
    }
}
