namespace Scratch.ML;

/// <summary>
/// One entry of a NumPy-style index expression for <see cref="Tensor{T}.this[TensorIndex[]]"/>: an integer (selects
/// and drops the axis), a range or stepped slice (keeps the axis), <see cref="NewAxis"/> (inserts a size-1 axis) or
/// <see cref="Ellipsis"/> (stands for as many full slices as needed). Integers and <see cref="Range"/>s convert
/// implicitly: <c>x[0, 1..^1, TensorIndex.Slice(null, null, -1)]</c>.
/// </summary>
public readonly struct TensorIndex
{
    internal enum IndexKind { Single, Slice, NewAxis, Ellipsis }

    internal readonly IndexKind Kind;
    internal readonly int Index;
    internal readonly int? Start, Stop;
    internal readonly int Step;

    private TensorIndex(IndexKind kind, int index, int? start, int? stop, int step)
    {
        Kind = kind;
        Index = index;
        Start = start;
        Stop = stop;
        Step = step;
    }

    /// <summary>Selects one position of an axis (negative counts from the end) and drops the axis.</summary>
    public static TensorIndex At(int index) => new(IndexKind.Single, index, null, null, 1);

    /// <summary>
    /// A Python slice <c>start:stop:step</c>: null bounds mean "from the beginning/to the end" in the direction of
    /// <paramref name="step"/>; negative bounds count from the end; a negative step walks backwards (a zero-copy view
    /// with a negative stride).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="step"/> is zero.</exception>
    public static TensorIndex Slice(int? start, int? stop, int step = 1)
    {
        if (step == 0) throw new ArgumentException("Slice step must not be zero.", nameof(step));
        return new(IndexKind.Slice, 0, start, stop, step);
    }

    /// <summary>Inserts a new axis of size 1 (NumPy's <c>np.newaxis</c>).</summary>
    public static TensorIndex NewAxis => new(IndexKind.NewAxis, 0, null, null, 1);

    /// <summary>Expands to full slices over all axes not otherwise indexed (NumPy's <c>...</c>).</summary>
    public static TensorIndex Ellipsis => new(IndexKind.Ellipsis, 0, null, null, 1);

    /// <summary>The full slice <c>:</c>.</summary>
    public static TensorIndex All => new(IndexKind.Slice, 0, null, null, 1);

    /// <summary>An integer index.</summary>
    public static implicit operator TensorIndex(int index) => At(index);

    /// <summary>A range, e.g. <c>1..^1</c>; <c>^k</c> counts from the end.</summary>
    public static implicit operator TensorIndex(Range range)
    {
        int? start = range.Start.IsFromEnd ? (range.Start.Value == 0 ? null : -range.Start.Value) : range.Start.Value;
        int? stop = range.End.IsFromEnd ? (range.End.Value == 0 ? null : -range.End.Value) : range.End.Value;
        return new(IndexKind.Slice, 0, start, stop, 1);
    }
}
