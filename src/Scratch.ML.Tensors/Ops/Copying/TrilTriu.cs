namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged
    {
        /// <summary>
        /// The lower triangle of the last two axes (batched over the rest): <c>y[…, i, j] = x[…, i, j]</c> where
        /// <c>j − i ≤ diagonal</c>, else 0 (PyTorch's <c>tril</c>). <paramref name="diagonal"/> 0 keeps the main
        /// diagonal, positive values keep diagonals above it, negative values drop diagonals below it.
        /// </summary>
        /// <exception cref="ArgumentException">The tensor has fewer than 2 axes.</exception>
        /// <remarks>Gradient: the same triangle of the gradient.</remarks>
        public Tensor<T> Tril(int diagonal = 0) => TriangleCopy.Record(TriangleCopy.Run(x.Detach(), diagonal, lower: true), x, diagonal, lower: true);

        /// <summary>
        /// The upper triangle of the last two axes (batched): keeps <c>x[…, i, j]</c> where <c>j − i ≥ diagonal</c>,
        /// else 0 (PyTorch's <c>triu</c>).
        /// </summary>
        /// <exception cref="ArgumentException">The tensor has fewer than 2 axes.</exception>
        /// <remarks>Gradient: the same triangle of the gradient.</remarks>
        public Tensor<T> Triu(int diagonal = 0) => TriangleCopy.Record(TriangleCopy.Run(x.Detach(), diagonal, lower: false), x, diagonal, lower: false);
    }
}

/// <summary>The shared body of <see cref="Tensor.Tril{T}"/> and <see cref="Tensor.Triu{T}"/>.</summary>
internal static class TriangleCopy
{
    /// <summary>Records the VJP of a triangle mask: the same triangle of the gradient (masking is self-adjoint).</summary>
    public static Tensor<T> Record<T>(Tensor<T> y, Tensor<T> x, int diagonal, bool lower) where T : unmanaged
    {
        if (!Autograd.IsRecording(x)) return y;
        return Autograd.Record(y, lower ? "tril" : "triu", x, static (g, n) =>
        {
            var (d, low) = n.State<(int, bool)>();
            return low ? g.Tril(d) : g.Triu(d);
        }, (diagonal, lower));
    }

    /// <summary>Composite over Copy: zeros, then one copy per row of the kept column range (all batches at once).</summary>
    public static Tensor<T> Run<T>(Tensor<T> x, int diagonal, bool lower) where T : unmanaged
    {
        if (x.Rank < 2)
            throw new ArgumentException($"{(lower ? "Tril" : "Triu")}: expected a tensor with at least 2 axes, got shape {Shapes.Format(x.Shape)}.", nameof(x));
        var y = Tensor<T>.Allocate(x.ShapeArray(), x.Device);
        if (y.Length == 0) return y;
        int rows = x.shape[^2], cols = x.shape[^1], r = x.Rank - 2, c = x.Rank - 1;
        for (int i = 0; i < rows; i++)
        {
            long edge = (long)i + diagonal; // the column of the chosen diagonal in row i
            int start = lower ? 0 : (int)Math.Clamp(edge, 0, cols);
            int stop = lower ? (int)Math.Clamp(edge + 1, 0, cols) : cols;
            if (stop <= start) continue;
            var src = AxisViews.Range(AxisViews.Range(x, r, i, 1), c, start, stop - start);
            var dst = AxisViews.Range(AxisViews.Range(y, r, i, 1), c, start, stop - start);
            x.Device.Backend.Copy(src, dst);
        }
        return y;
    }
}
