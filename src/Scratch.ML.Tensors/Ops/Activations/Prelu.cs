using System.Numerics;

namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Parametric Relu (He et al. 2015; PyTorch's <c>prelu</c>): <c>y = x</c> for x &gt; 0, <c>y = a_c·x</c>
        /// otherwise, with one learnable slope per channel. Shapes: x (N, C, …) and weight (C), or weight (1) shared
        /// by every element (then x may have any shape). The channel axis is axis 1, like PyTorch.
        /// Derivatives: ∂y/∂x = 1 (x &gt; 0) or a_c (x ≤ 0); ∂L/∂a_c = Σ over x ≤ 0 in channel c of g·x.
        /// </summary>
        /// <param name="weight">The slopes a: (1) or (C).</param>
        /// <exception cref="ArgumentException">weight is not 1-d, or has C &gt; 1 entries while x has fewer than 2 axes or
        /// a different size along axis 1.</exception>
        public Tensor<T> Prelu(Tensor<T> weight)
        {
            ArgumentNullException.ThrowIfNull(x);
            ArgumentNullException.ThrowIfNull(weight);
            var bshape = PreluBroadcastShape(x, weight);
            var d = x.Detach();
            var y = Where(d.Gt(T.Zero), d, d * weight.Detach().Reshape(bshape));
            return Autograd.Record(y, "prelu", x, weight, static (g, n) =>
            {
                var bs = n.State<int[]>();
                var xi = n.Input(0);
                var positive = xi.Detach().Gt(T.Zero);
                var wb = n.Input(1).Reshape(bs);
                return (n.NeedsGrad(0) ? Choose(positive, g, g * wb) : null,
                        n.NeedsGrad(1) ? Choose(positive, Scalar(T.Zero, g.Device), g * xi).SumTo(bs).Reshape(n.Input(1).Shape) : null);
            }, bshape);
        }
    }

    // weight (1) → a 0-d view (broadcasts against any x); weight (C) → (C, 1, …, 1) aligned with axis 1 of x.
    private static int[] PreluBroadcastShape<T>(Tensor<T> x, Tensor<T> weight) where T : unmanaged
    {
        if (weight.Rank != 1)
            throw new ArgumentException($"Prelu: weight must be 1-d (1 or C entries), got shape {Shapes.Format(weight.Shape)}.", nameof(weight));
        int c = weight.Shape[0];
        if (c == 1) return [];
        if (x.Rank < 2 || x.Shape[1] != c)
            throw new ArgumentException($"Prelu: weight has {c} channel slopes, so x must be (N, {c}, …), got {Shapes.Format(x.Shape)}.", nameof(weight));
        var shape = new int[x.Rank - 1];
        Array.Fill(shape, 1);
        shape[0] = c;
        return shape;
    }
}
