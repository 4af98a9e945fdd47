namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged
    {
        /// <summary>
        /// The elements of x where <paramref name="mask"/> is true, in row-major order, as a new 1-d tensor (PyTorch's
        /// <c>masked_select</c>, NumPy's <c>x[mask]</c>). x and mask broadcast against each other.
        /// </summary>
        /// <exception cref="ArgumentException">The shapes cannot be broadcast (both are named) or devices differ.</exception>
        public Tensor<T> MaskedSelect(Tensor<bool> mask)
        {
            ArgumentNullException.ThrowIfNull(mask);
            Devices.RequireSame("MaskedSelect", x, mask);
            var shape = Shapes.Broadcast(x.Shape, mask.Shape, "MaskedSelect");
            var y = x.Device.Backend.MaskedSelect(x.BroadcastView(shape), mask.BroadcastView(shape));
            if (!Autograd.IsRecording(x)) return y;
            // ∂/∂x: a masked scatter — the gradient written back at the selected positions (in row-major order) of
            // zeros of the broadcast shape, summed down to x's shape. Built as an index-put, so it is differentiable.
            var coords = mask.BroadcastView(shape).Nonzero().ToArray();
            var strides = Shapes.ContiguousStrides(shape);
            var flat = new long[y.Length];
            for (int p = 0; p < flat.Length; p++)
                for (int d = 0; d < shape.Length; d++) flat[p] += coords[p * shape.Length + d] * strides[d];
            var positions = Tensor.FromSpan<long>(flat, [flat.Length], x.Device);
            return Autograd.Record(y, "masked_select", x, static (g, n) =>
            {
                var (pos, full) = n.State<(Tensor<long>, int[])>();
                var scattered = Tensor.Zeros<T>(g.Device, Shapes.Numel(full)).IndexPut([pos], g, accumulate: true).Reshape(full);
                return StructuralGrads.SumTo(scattered, n.Input(0).ShapeArray());
            }, (positions, shape));
        }

        /// <summary>
        /// A copy of x with <paramref name="value"/> where <paramref name="mask"/> is true (PyTorch's
        /// <c>masked_fill</c>): <c>y[p] = mask[p] ? value : x[p]</c>. x and mask broadcast against each other; the
        /// result has the broadcast shape.
        /// </summary>
        /// <exception cref="ArgumentException">The shapes cannot be broadcast (both are named) or devices differ.</exception>
        public Tensor<T> MaskedFill(Tensor<bool> mask, T value)
        {
            ArgumentNullException.ThrowIfNull(mask);
            Devices.RequireSame("MaskedFill", x, mask);
            var shape = Shapes.Broadcast(x.Shape, mask.Shape, "MaskedFill");
            var y = Tensor<T>.Allocate(shape, x.Device);
            x.Device.Backend.Copy(x.BroadcastView(shape), y);
            x.Device.Backend.MaskedFill(y, mask.BroadcastView(shape), value);
            if (!Autograd.IsRecording(x)) return y;
            // ∂/∂x: the gradient with zeros where the value was filled in, summed down to x's shape.
            return Autograd.Record(y, "masked_fill", x, static (g, n) =>
                StructuralGrads.SumTo(g.MaskedFill(n.State<Tensor<bool>>(), default), n.Input(0).ShapeArray()), mask);
        }

        /// <summary>
        /// In-place <see cref="MaskedFill"/> (PyTorch's <c>masked_fill_</c>): the mask broadcasts to x's shape, x never
        /// grows. Writes go through x's strides, so filling a view changes its base. Returns x.
        /// </summary>
        /// <exception cref="ArgumentException">The mask cannot be broadcast to x's shape (both shapes are named), or devices differ.</exception>
        public Tensor<T> MaskedFillInPlace(Tensor<bool> mask, T value)
        {
            ArgumentNullException.ThrowIfNull(mask);
            Autograd.CheckInPlace("MaskedFill", x);
            Devices.RequireSame("MaskedFillInPlace", x, mask);
            var shape = Shapes.Broadcast(x.Shape, mask.Shape, "MaskedFillInPlace");
            if (!Shapes.Equal(shape, x.Shape))
                throw new ArgumentException($"MaskedFillInPlace: mask of shape {Shapes.Format(mask.Shape)} does not broadcast to x's shape {Shapes.Format(x.Shape)} (the broadcast shape is {Shapes.Format(shape)}).", nameof(mask));
            x.Device.Backend.MaskedFill(x, mask.BroadcastView(shape), value);
            return x;
        }
    }
}
