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
            return x.Device.Backend.MaskedSelect(x.BroadcastView(shape), mask.BroadcastView(shape));
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
            return y;
        }

        /// <summary>
        /// In-place <see cref="MaskedFill"/> (PyTorch's <c>masked_fill_</c>): the mask broadcasts to x's shape, x never
        /// grows. Writes go through x's strides, so filling a view changes its base. Returns x.
        /// </summary>
        /// <exception cref="ArgumentException">The mask cannot be broadcast to x's shape (both shapes are named), or devices differ.</exception>
        public Tensor<T> MaskedFillInPlace(Tensor<bool> mask, T value)
        {
            ArgumentNullException.ThrowIfNull(mask);
            Devices.RequireSame("MaskedFillInPlace", x, mask);
            var shape = Shapes.Broadcast(x.Shape, mask.Shape, "MaskedFillInPlace");
            if (!Shapes.Equal(shape, x.Shape))
                throw new ArgumentException($"MaskedFillInPlace: mask of shape {Shapes.Format(mask.Shape)} does not broadcast to x's shape {Shapes.Format(x.Shape)} (the broadcast shape is {Shapes.Format(shape)}).", nameof(mask));
            x.Device.Backend.MaskedFill(x, mask.BroadcastView(shape), value);
            return x;
        }
    }
}
