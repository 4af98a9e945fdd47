namespace Scratch.ML;

/// <summary>
/// Internal view helpers shared by the copying ops: an arithmetic progression of positions along one axis, without
/// Python's slice clamping (which would turn a stop of −1 into "the last element"). Each op in
/// <c>Ops/Copying</c> is a composite: it allocates its output and fills it with <see cref="ITensorBackend.Copy{T}"/>
/// calls between such views, so it runs unchanged on every device.
/// </summary>
internal static class AxisViews
{
    /// <summary>
    /// The view of <paramref name="t"/> that keeps positions <c>start, start + step, …</c> (<paramref name="count"/>
    /// of them) along <paramref name="axis"/>. The caller guarantees every position lies in [0, size).
    /// </summary>
    public static Tensor<T> Range<T>(Tensor<T> t, int axis, int start, int count, int step = 1) where T : unmanaged
    {
        var shape = t.ShapeArray();
        var strides = (int[])t.strides.Clone();
        shape[axis] = count;
        int offset = Shapes.Numel(shape) == 0 ? t.offset : t.offset + start * strides[axis];
        strides[axis] *= step;
        return new Tensor<T>(t.storage, shape, strides, offset, trusted: true);
    }

    /// <summary>Checks that every tensor of an op's input list is non-null and on the device of the first.</summary>
    public static void RequireSameDevice<T>(string op, ReadOnlySpan<Tensor<T>> tensors) where T : unmanaged
    {
        for (int i = 0; i < tensors.Length; i++)
        {
            if (tensors[i] is null) throw new ArgumentNullException("tensors", $"{op}: tensors[{i}] is null.");
            if (i > 0) Devices.RequireSame(op, tensors[0], tensors[i]);
        }
    }
}
