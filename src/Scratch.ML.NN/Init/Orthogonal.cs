using System.Numerics;
using Scratch.ML.LinearAlgebra;
using Scratch.ML.Rng;

namespace Scratch.ML.NN;

public static partial class Init
{
    /// <summary>
    /// A (semi-)orthogonal matrix times <paramref name="gain"/> (Saxe et al. 2013; PyTorch's <c>orthogonal_</c>).
    /// x is viewed as (rows, cols) = (shape[0], Π shape[1:]); a Gaussian matrix (transposed when rows &lt; cols) is
    /// factored A = QR and Q's columns are multiplied by sign(diag R), which makes the result uniformly (Haar)
    /// distributed. Rows are orthonormal when rows ≤ cols, columns when rows ≥ cols: <c>W·Wᵀ = gain²·I</c> or
    /// <c>Wᵀ·W = gain²·I</c>. In place; returns x.
    /// </summary>
    /// <exception cref="ArgumentException">x has fewer than 2 dimensions.</exception>
    public static Tensor<T> Orthogonal<T>(Tensor<T> x, double gain = 1.0, Generator? generator = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank < 2)
            throw new ArgumentException($"Orthogonal: only tensors with 2 or more dimensions are supported, got shape {Shapes.Format(x.Shape)}.", nameof(x));
        if (x.Length == 0) return x;
        int rows = x.Shape[0], cols = x.Length / rows;
        var a = Tensor.Normal<double>(0, 1, Resolve(generator), rows, cols);   // (rows, cols)
        if (rows < cols) a = a.MT.Contiguous();                                 // (cols, rows): tall
        var (q, r) = Linalg.Qr(a);                                              // q (m, k), r (k, k)
        var qa = q.ToArray();
        int m = q.Shape[0], k = q.Shape[1];
        for (int j = 0; j < k; j++)
        {
            double s = (double.Sign(r[j, j]) == 0 ? 1 : double.Sign(r[j, j])) * gain;
            for (int i = 0; i < m; i++) qa[i * k + j] *= s;
        }
        var w = Tensor.Wrap(qa, m, k);
        if (rows < cols) w = w.MT.Contiguous();                                 // (rows, cols)
        var values = new T[rows * cols];
        var src = w.ToArray();
        for (int i = 0; i < values.Length; i++) values[i] = T.CreateTruncating(src[i]);
        return Fill(x, Tensor.Wrap(values, x.ShapeArray()));
    }
}
