using System.Numerics;

namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, INumber<T>
    {
        /// <summary>
        /// Sums <c>x</c> down to <paramref name="shape"/>, the inverse of broadcasting (PyTorch's <c>sum_to_size</c>):
        /// leading axes that broadcasting added are summed away and axes where <paramref name="shape"/> has size 1 are
        /// summed with keep-dims. This is the single place the autograd undoes broadcasting.
        /// </summary>
        /// <param name="shape">A shape that broadcasts to x's shape.</param>
        /// <returns>x itself when the shapes are equal; otherwise a new tensor of <paramref name="shape"/>.</returns>
        /// <exception cref="ArgumentException"><paramref name="shape"/> does not broadcast to x's shape.</exception>
        public Tensor<T> SumTo(params ReadOnlySpan<int> shape)
        {
            ArgumentNullException.ThrowIfNull(x);
            if (Shapes.Equal(x.Shape, shape)) return x;
            int lead = x.Rank - shape.Length;
            if (lead < 0)
                throw new ArgumentException($"SumTo: shape {Shapes.Format(shape)} has more axes than the tensor's {Shapes.Format(x.Shape)}.", nameof(shape));
            var axes = new List<int>();
            for (int i = 0; i < x.Rank; i++)
            {
                if (i < lead) { axes.Add(i); continue; }
                int target = shape[i - lead];
                if (target == x.Shape[i]) continue;
                if (target != 1)
                    throw new ArgumentException($"SumTo: shape {Shapes.Format(shape)} does not broadcast to {Shapes.Format(x.Shape)} (axis {i}: {target} vs {x.Shape[i]}).", nameof(shape));
                axes.Add(i);
            }
            var summed = x.Sum(axes.ToArray(), keepDims: true);
            return summed.Reshape(shape);
        }
    }
}
