namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged
    {
        /// <summary>
        /// Reverses the order of elements along <paramref name="axes"/> into a new contiguous tensor (PyTorch's
        /// <c>flip</c>, which always copies): <c>y[…, i, …] = x[…, n − 1 − i, …]</c>. No axes means every axis
        /// (NumPy's <c>flip(axis=None)</c>). For a zero-copy alternative see <see cref="FlipView"/>.
        /// </summary>
        /// <exception cref="ArgumentException">An axis repeats.</exception>
        /// <exception cref="ArgumentOutOfRangeException">An axis is out of range.</exception>
        /// <remarks>Gradient: the gradient flipped along the same axes.</remarks>
        public Tensor<T> Flip(params ReadOnlySpan<int> axes)
        {
            var y = x.Detach().FlipView(axes).Clone();
            if (!Autograd.IsRecording(x)) return y;
            return Autograd.Record(y, "flip", x, static (g, n) => g.Flip(n.State<int[]>()), Shapes.NormalizeAxes(axes, x.Rank));
        }

        /// <summary>
        /// The reversed tensor as a <b>view</b> (NumPy's <c>flip</c>, which returns a view): each flipped axis gets
        /// stride <c>−stride</c> and the offset moves to its last element, so nothing is copied and writes through the
        /// view change x. No axes means every axis.
        /// </summary>
        /// <exception cref="ArgumentException">An axis repeats.</exception>
        /// <exception cref="ArgumentOutOfRangeException">An axis is out of range.</exception>
        public Tensor<T> FlipView(params ReadOnlySpan<int> axes)
        {
            var flipped = Shapes.NormalizeAxes(axes, x.Rank);
            var strides = (int[])x.strides.Clone();
            int offset = x.offset;
            bool empty = x.Length == 0;
            foreach (int a in flipped)
            {
                if (!empty) offset += (x.shape[a] - 1) * strides[a];
                strides[a] = -strides[a];
            }
            var y = new Tensor<T>(x.storage, x.ShapeArray(), strides, offset, trusted: true);
            if (!Autograd.IsRecording(x)) return y;
            return Autograd.Record(y, "flip_view", x, static (g, n) => g.FlipView(n.State<int[]>()), flipped);
        }
    }
}
