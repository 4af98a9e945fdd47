namespace Scratch.ML;

// Zero-copy views: each returns a tensor over the same storage with a new (shape, strides, offset).
public sealed partial class Tensor<T> where T : unmanaged
{
    // An empty view keeps the base's offset: offsets computed from positions of an empty tensor may lie past the storage.
    private Tensor<T> ViewOf(int[] newShape, int[] newStrides, int newOffset) => new(storage, newShape, newStrides, Shapes.Numel(newShape) == 0 ? offset : newOffset, trusted: true);

    /// <summary>
    /// The same elements with a new shape. One dimension may be −1 (inferred). Returns a view when the layout allows
    /// it (always for contiguous tensors) and a contiguous copy otherwise, like PyTorch's <c>reshape</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The element counts differ or more than one dimension is −1.</exception>
    public Tensor<T> Reshape(params ReadOnlySpan<int> newShape)
    {
        var target = InferShape(newShape);
        var viewStrides = ViewStrides(target);
        var y = viewStrides is not null ? ViewOf(target, viewStrides, offset) : Detach().Clone().ViewOf(target, Shapes.ContiguousStrides(target), 0);
        return RecordReshape(y, "reshape");
    }

    // ∂/∂x of any reshape (view, squeeze, unsqueeze, flatten): the gradient reshaped back.
    private Tensor<T> RecordReshape(Tensor<T> y, string op)
        => Autograd.Record(y, op, this, static (g, n) => g.Reshape(n.Input(0).shape));

    // ∂/∂x of a view that picks some elements (slice, select, index, diagonal): the gradient scattered into zeros.
    private Tensor<T> RecordPick(Tensor<T> y, string op, Func<Tensor<T>, Tensor<T>> view)
        => Autograd.Record(y, op, this, static (g, n) => Autograd.ScatterIntoView(g, n.Input(0).shape, n.State<Func<Tensor<T>, Tensor<T>>>()), view);

    /// <summary>Like <see cref="Reshape"/> but never copies (PyTorch's <c>view</c>).</summary>
    /// <exception cref="InvalidOperationException">The layout cannot be viewed with this shape without a copy.</exception>
    public Tensor<T> View(params ReadOnlySpan<int> newShape)
    {
        var target = InferShape(newShape);
        var viewStrides = ViewStrides(target) ?? throw new InvalidOperationException(
            $"View: a tensor of shape {Shapes.Format(shape)} with strides {Shapes.Format(strides)} cannot be viewed as {Shapes.Format(target)} without a copy; use Reshape or Contiguous().");
        return RecordReshape(ViewOf(target, viewStrides, offset), "view");
    }

    private int[] InferShape(ReadOnlySpan<int> newShape)
    {
        var target = newShape.ToArray();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < target.Length; i++)
        {
            if (target[i] == -1)
            {
                if (infer >= 0) throw new ArgumentException($"Reshape: only one dimension may be -1, got {Shapes.Format(newShape)}.", nameof(newShape));
                infer = i;
            }
            else if (target[i] < 0) throw new ArgumentException($"Reshape: invalid dimension {target[i]} in {Shapes.Format(newShape)}.", nameof(newShape));
            else known *= target[i];
        }
        if (infer >= 0)
        {
            if (known == 0 || length % known != 0)
                throw new ArgumentException($"Reshape: cannot reshape a tensor of shape {Shapes.Format(shape)} ({length} elements) into {Shapes.Format(newShape)}.", nameof(newShape));
            target[infer] = (int)(length / known);
        }
        else if (known != length)
            throw new ArgumentException($"Reshape: cannot reshape a tensor of shape {Shapes.Format(shape)} ({length} elements) into {Shapes.Format(newShape)} ({known} elements).", nameof(newShape));
        return target;
    }

    /// <summary>
    /// Strides that view this layout with <paramref name="target"/> shape, or null if impossible. Groups of old axes
    /// that are contiguous with each other can be split or merged freely (PyTorch's computeStride).
    /// </summary>
    private int[]? ViewStrides(int[] target)
    {
        if (IsContiguous) return Shapes.ContiguousStrides(target);
        var result = new int[target.Length];
        if (length == 0) return Shapes.ContiguousStrides(target);
        int viewD = target.Length - 1;
        long chunkBase = strides.Length > 0 ? strides[^1] : 1;
        long tensorNumel = 1, viewNumel = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            tensorNumel *= shape[d];
            if (d == 0 || (shape[d - 1] != 1 && strides[d - 1] != tensorNumel * chunkBase))
            {
                while (viewD >= 0 && (viewNumel < tensorNumel || target[viewD] == 1))
                {
                    result[viewD] = (int)(viewNumel * chunkBase);
                    viewNumel *= target[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) return null;
                if (d > 0)
                {
                    chunkBase = strides[d - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? result : null;
    }

    /// <summary>Collapses axes <paramref name="startAxis"/>..<paramref name="endAxis"/> (inclusive) into one.</summary>
    public Tensor<T> Flatten(int startAxis = 0, int endAxis = -1)
    {
        if (Rank == 0) return Reshape(1);
        int s = Shapes.NormalizeAxis(startAxis, Rank, nameof(startAxis)), e = Shapes.NormalizeAxis(endAxis, Rank, nameof(endAxis));
        if (s > e) throw new ArgumentException($"Flatten: startAxis {startAxis} comes after endAxis {endAxis}.", nameof(startAxis));
        var target = new List<int>();
        for (int i = 0; i < s; i++) target.Add(shape[i]);
        int merged = 1;
        for (int i = s; i <= e; i++) merged *= shape[i];
        target.Add(merged);
        for (int i = e + 1; i < Rank; i++) target.Add(shape[i]);
        return Reshape(target.ToArray());
    }

    /// <summary>Swaps two axes (a view).</summary>
    public Tensor<T> Transpose(int axis0, int axis1)
    {
        int a = Shapes.NormalizeAxis(axis0, Rank, nameof(axis0)), b = Shapes.NormalizeAxis(axis1, Rank, nameof(axis1));
        var p = new int[Rank];
        for (int i = 0; i < Rank; i++) p[i] = i;
        (p[a], p[b]) = (p[b], p[a]);
        return Permute(p);
    }

    /// <summary>The matrix transpose (PyTorch's <c>mT</c>): swaps the last two axes of a tensor of rank ≥ 2, batched over the rest; a 0-d or 1-d tensor is returned unchanged.</summary>
    public Tensor<T> MT => Rank < 2 ? this : Transpose(-2, -1);

    /// <summary>Reorders the axes: result axis i is input axis <paramref name="axes"/>[i] (a view).</summary>
    /// <exception cref="ArgumentException"><paramref name="axes"/> is not a permutation of 0..rank−1.</exception>
    public Tensor<T> Permute(params ReadOnlySpan<int> axes)
    {
        if (axes.Length != Rank)
            throw new ArgumentException($"Permute: expected {Rank} axes for shape {Shapes.Format(shape)}, got {Shapes.Format(axes)}.", nameof(axes));
        var seen = new bool[Rank];
        var ns = new int[Rank];
        var nst = new int[Rank];
        for (int i = 0; i < Rank; i++)
        {
            int a = Shapes.NormalizeAxis(axes[i], Rank, nameof(axes));
            if (seen[a]) throw new ArgumentException($"Permute: axis {a} repeats in {Shapes.Format(axes)}.", nameof(axes));
            seen[a] = true;
            ns[i] = shape[a];
            nst[i] = strides[a];
        }
        var y = ViewOf(ns, nst, offset);
        if (!Autograd.IsRecording(this)) return y;
        var inverse = new int[Rank];
        for (int i = 0; i < Rank; i++) inverse[Shapes.NormalizeAxis(axes[i], Rank)] = i;
        return Autograd.Record(y, "permute", this, static (g, n) => g.Permute(n.State<int[]>()), inverse);
    }

    /// <summary>
    /// A Python slice of one axis, <c>start:stop:step</c> (a view). Bounds are clamped like Python's; negative bounds
    /// count from the end; a negative step reverses the axis with a negative stride.
    /// </summary>
    public Tensor<T> Slice(int axis, int? start, int? stop, int step = 1)
    {
        int a = Shapes.NormalizeAxis(axis, Rank);
        if (step == 0) throw new ArgumentException("Slice: step must not be zero.", nameof(step));
        var (first, count) = SliceRange(shape[a], start, stop, step);
        var ns = ShapeArray();
        var nst = (int[])strides.Clone();
        ns[a] = count;
        nst[a] = strides[a] * step;
        var y = ViewOf(ns, nst, count == 0 ? offset : offset + first * strides[a]);
        return Autograd.IsRecording(this) ? RecordPick(y, "slice", t => t.Slice(a, start, stop, step)) : y;
    }

    /// <summary>Python's slice.indices: the first index and element count of start:stop:step on an axis of size n.</summary>
    internal static (int First, int Count) SliceRange(int n, int? start, int? stop, int step)
    {
        int lo, hi;
        if (step > 0)
        {
            lo = start is int s ? (s < 0 ? Math.Max(0, s + n) : Math.Min(s, n)) : 0;
            hi = stop is int e ? (e < 0 ? Math.Max(0, e + n) : Math.Min(e, n)) : n;
            return (lo, hi > lo ? (hi - lo + step - 1) / step : 0);
        }
        lo = start is int s2 ? (s2 < 0 ? Math.Max(-1, s2 + n) : Math.Min(s2, n - 1)) : n - 1;
        hi = stop is int e2 ? (e2 < 0 ? Math.Max(-1, e2 + n) : Math.Min(e2, n - 1)) : -1;
        return (lo, lo > hi ? (lo - hi + (-step) - 1) / (-step) : 0);
    }

    /// <summary><paramref name="length"/> elements of one axis starting at <paramref name="start"/> (a view).</summary>
    public Tensor<T> Narrow(int axis, int start, int length)
    {
        int a = Shapes.NormalizeAxis(axis, Rank);
        if (start < 0 || length < 0 || start + length > shape[a])
            throw new ArgumentOutOfRangeException(nameof(start), $"Narrow: [{start}, {start + length}) is outside axis {a} of size {shape[a]}.");
        return Slice(a, start, start + length);
    }

    /// <summary>Selects position <paramref name="index"/> of an axis and drops the axis (a view).</summary>
    public Tensor<T> Select(int axis, int index)
    {
        int a = Shapes.NormalizeAxis(axis, Rank);
        int i = index < 0 ? index + shape[a] : index;
        if ((uint)i >= (uint)shape[a])
            throw new IndexOutOfRangeException($"Select: index {index} is out of range for axis {a} of size {shape[a]} (shape {Shapes.Format(shape)}).");
        var ns = new int[Rank - 1];
        var nst = new int[Rank - 1];
        for (int k = 0, j = 0; k < Rank; k++)
            if (k != a) { ns[j] = shape[k]; nst[j++] = strides[k]; }
        var y = ViewOf(ns, nst, offset + i * strides[a]);
        return Autograd.IsRecording(this) ? RecordPick(y, "select", t => t.Select(a, i)) : y;
    }

    /// <summary>NumPy-style indexing with integers, ranges, stepped slices, new axes and an ellipsis (a view).</summary>
    /// <exception cref="ArgumentException">Too many indices, or more than one ellipsis.</exception>
    public Tensor<T> this[params TensorIndex[] indices]
    {
        get
        {
            int consumed = 0, ellipses = 0;
            foreach (var ix in indices)
            {
                if (ix.Kind == TensorIndex.IndexKind.Ellipsis) ellipses++;
                else if (ix.Kind != TensorIndex.IndexKind.NewAxis) consumed++;
            }
            if (ellipses > 1) throw new ArgumentException("Only one Ellipsis may appear in an index.", nameof(indices));
            if (consumed > Rank)
                throw new ArgumentException($"Too many indices ({consumed}) for a tensor of shape {Shapes.Format(shape)}.", nameof(indices));
            var ns = new List<int>();
            var nst = new List<int>();
            int off = offset, axis = 0;
            foreach (var ix in indices)
            {
                switch (ix.Kind)
                {
                    case TensorIndex.IndexKind.Single:
                        int i = ix.Index < 0 ? ix.Index + shape[axis] : ix.Index;
                        if ((uint)i >= (uint)shape[axis])
                            throw new IndexOutOfRangeException($"Index {ix.Index} is out of range for axis {axis} of size {shape[axis]} (shape {Shapes.Format(shape)}).");
                        off += i * strides[axis++];
                        break;
                    case TensorIndex.IndexKind.Slice:
                        var (first, count) = SliceRange(shape[axis], ix.Start, ix.Stop, ix.Step);
                        if (count > 0) off += first * strides[axis];
                        ns.Add(count);
                        nst.Add(strides[axis++] * ix.Step);
                        break;
                    case TensorIndex.IndexKind.NewAxis:
                        ns.Add(1);
                        nst.Add(0);
                        break;
                    default: // Ellipsis
                        for (int k = 0; k < Rank - consumed; k++) { ns.Add(shape[axis]); nst.Add(strides[axis++]); }
                        break;
                }
            }
            for (; axis < Rank; axis++) { ns.Add(shape[axis]); nst.Add(strides[axis]); }
            var y = ViewOf(ns.ToArray(), nst.ToArray(), off);
            if (!Autograd.IsRecording(this)) return y;
            var saved = (TensorIndex[])indices.Clone();
            return RecordPick(y, "index", t => t[saved]);
        }
    }

    /// <summary>Removes every axis of size 1 (a view).</summary>
    public Tensor<T> Squeeze()
    {
        var ns = new List<int>();
        var nst = new List<int>();
        for (int i = 0; i < Rank; i++) if (shape[i] != 1) { ns.Add(shape[i]); nst.Add(strides[i]); }
        return RecordReshape(ViewOf(ns.ToArray(), nst.ToArray(), offset), "squeeze");
    }

    /// <summary>Removes one axis, which must have size 1 (a view).</summary>
    /// <exception cref="ArgumentException">The axis does not have size 1.</exception>
    public Tensor<T> Squeeze(int axis)
    {
        int a = Shapes.NormalizeAxis(axis, Rank);
        if (shape[a] != 1)
            throw new ArgumentException($"Squeeze: axis {axis} has size {shape[a]}, not 1 (shape {Shapes.Format(shape)}).", nameof(axis));
        return Select(a, 0);
    }

    /// <summary>Inserts an axis of size 1 at <paramref name="axis"/> (−1 appends) (a view).</summary>
    public Tensor<T> Unsqueeze(int axis)
    {
        int a = Shapes.NormalizeAxis(axis, Rank + 1);
        var ns = new List<int>(shape);
        var nst = new List<int>(strides);
        ns.Insert(a, 1);
        nst.Insert(a, a < Rank ? strides[a] * shape[a] : 1);
        return RecordReshape(ViewOf(ns.ToArray(), nst.ToArray(), offset), "unsqueeze");
    }

    /// <summary>
    /// Repeats size-1 axes (and prepends new axes) to reach <paramref name="newShape"/> without copying (stride 0).
    /// −1 keeps an existing dimension (PyTorch's <c>expand</c>).
    /// </summary>
    public Tensor<T> Expand(params ReadOnlySpan<int> newShape)
    {
        var target = newShape.ToArray();
        int lead = target.Length - Rank;
        if (lead < 0) throw new ArgumentException($"Expand: cannot expand shape {Shapes.Format(shape)} to fewer axes {Shapes.Format(newShape)}.", nameof(newShape));
        for (int i = 0; i < target.Length; i++)
            if (target[i] == -1)
            {
                if (i < lead) throw new ArgumentException($"Expand: -1 is not allowed for a new leading axis ({Shapes.Format(newShape)}).", nameof(newShape));
                target[i] = shape[i - lead];
            }
        return BroadcastTo(target);
    }

    /// <summary>This tensor read as <paramref name="target"/> by NumPy broadcasting (a stride-0 view).</summary>
    /// <exception cref="ArgumentException">The shape is not broadcastable to the target; the message names both.</exception>
    public Tensor<T> BroadcastTo(params ReadOnlySpan<int> target)
    {
        var y = BroadcastView(target);
        if (ReferenceEquals(y, this) || !Autograd.IsRecording(this)) return y;
        return Autograd.Record(y, "expand", this, static (g, n) => GradMath.SumTo(g, n.Input(0).shape));
    }

    /// <summary>The broadcast view without recording a gradient node (for ops that broadcast their inputs internally).</summary>
    internal Tensor<T> BroadcastView(ReadOnlySpan<int> target)
    {
        if (Shapes.Equal(shape, target)) return this;
        var st = Shapes.BroadcastStrides(shape, strides, target);
        return ViewOf(target.ToArray(), st, offset);
    }

    /// <summary>
    /// The diagonal of the (axis1, axis2) planes as a view: those two axes are removed and a new last axis holds
    /// elements <c>[i, i + offset]</c> (positive <paramref name="diagonalOffset"/> above the main diagonal).
    /// </summary>
    public Tensor<T> Diagonal(int diagonalOffset = 0, int axis1 = 0, int axis2 = 1)
    {
        int a = Shapes.NormalizeAxis(axis1, Rank, nameof(axis1)), b = Shapes.NormalizeAxis(axis2, Rank, nameof(axis2));
        if (a == b) throw new ArgumentException($"Diagonal: axis1 and axis2 must differ, both are {a}.", nameof(axis2));
        int n = diagonalOffset >= 0 ? Math.Min(shape[a], shape[b] - diagonalOffset) : Math.Min(shape[a] + diagonalOffset, shape[b]);
        n = Math.Max(n, 0);
        int off = offset;
        if (n > 0) off += diagonalOffset >= 0 ? diagonalOffset * strides[b] : -diagonalOffset * strides[a];
        var ns = new List<int>();
        var nst = new List<int>();
        for (int i = 0; i < Rank; i++) if (i != a && i != b) { ns.Add(shape[i]); nst.Add(strides[i]); }
        ns.Add(n);
        nst.Add(strides[a] + strides[b]);
        var y = ViewOf(ns.ToArray(), nst.ToArray(), off);
        return Autograd.IsRecording(this) ? RecordPick(y, "diagonal", t => t.Diagonal(diagonalOffset, a, b)) : y;
    }
}
