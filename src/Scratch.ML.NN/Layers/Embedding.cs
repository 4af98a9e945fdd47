using System.Numerics;
using Scratch.ML.Rng;

namespace Scratch.ML.NN;

/// <summary>
/// A lookup table of learnable vectors (PyTorch's <c>nn.Embedding</c>): <c>y[…, :] = W[index[…], :]</c>. Shapes:
/// indices (*) of int or long → y (*, embedding_dim); W (num_embeddings, embedding_dim) ~ N(0, 1) like PyTorch.
/// Indices are integers, so this is a <see cref="Module{T}"/> with its own <c>Forward</c> overloads rather than a
/// float-input <see cref="Layer{T}"/>.
/// </summary>
/// <remarks>
/// Gradient: ∂L/∂W[r] = Σ over positions whose index is r of g (a scatter-add; repeated indices accumulate).
/// With a padding index p, row p starts at zero and never receives a gradient, so it stays zero under training
/// (PyTorch's <c>padding_idx</c>). <c>max_norm</c> and sparse gradients are not supported.
/// </remarks>
/// <typeparam name="T">float or double.</typeparam>
public sealed class Embedding<T> : Module<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the table.</summary>
    /// <param name="numEmbeddings">The number of rows (≥ 1).</param>
    /// <param name="embeddingDim">The vector size (≥ 1).</param>
    /// <param name="paddingIdx">The padding row, in [−num, num) (negative counts from the end, as PyTorch), or null.</param>
    /// <param name="generator">Initialisation randomness (default: the library-wide generator).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1 or the padding index is out of range.</exception>
    public Embedding(int numEmbeddings, int embeddingDim, int? paddingIdx = null, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numEmbeddings, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(embeddingDim, 1);
        if (paddingIdx is int p)
        {
            if (p < -numEmbeddings || p >= numEmbeddings)
                throw new ArgumentOutOfRangeException(nameof(paddingIdx), p, $"Embedding: paddingIdx must be in [-{numEmbeddings}, {numEmbeddings}).");
            PaddingIdx = p < 0 ? p + numEmbeddings : p;
        }
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        var w = Tensor.Normal<T>(0, 1, Init.Resolve(generator), numEmbeddings, embeddingDim);
        if (PaddingIdx is int pad) w.Select(0, pad).AsSpan().Clear();
        Weight = RegisterParameter("weight", w);
    }

    /// <summary>Rows of the table.</summary>
    public int NumEmbeddings { get; }

    /// <summary>Vector size.</summary>
    public int EmbeddingDim { get; }

    /// <summary>The padding row (normalised to [0, num)), or null.</summary>
    public int? PaddingIdx { get; }

    /// <summary>W: (num_embeddings, embedding_dim).</summary>
    public Parameter<T> Weight { get; }

    /// <summary>Looks up rows. indices (*) → (*, embedding_dim).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside [0, num_embeddings) (the message names it and its position).</exception>
    public Tensor<T> Forward(Tensor<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var flat = indices.Contiguous().ToArray();
        var rows = new int[flat.Length];
        for (int i = 0; i < flat.Length; i++) rows[i] = Check(flat[i], i, indices.Shape);
        return Lookup(rows, indices.Shape);
    }

    /// <inheritdoc cref="Forward(Tensor{int})"/>
    public Tensor<T> Forward(Tensor<long> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var flat = indices.Contiguous().ToArray();
        var rows = new int[flat.Length];
        for (int i = 0; i < flat.Length; i++) rows[i] = Check(flat[i], i, indices.Shape);
        return Lookup(rows, indices.Shape);
    }

    private int Check(long index, int position, ReadOnlySpan<int> shape)
    {
        if (index >= 0 && index < NumEmbeddings) return (int)index;
        var at = new int[shape.Length];
        for (int a = shape.Length - 1, rest = position; a >= 0; a--) { at[a] = rest % shape[a]; rest /= shape[a]; }
        throw new ArgumentOutOfRangeException("indices", index,
            $"Embedding: index {index} at position {Shapes.Format(at)} is out of range for {NumEmbeddings} embeddings (valid 0..{NumEmbeddings - 1}).");
    }

    private Tensor<T> Lookup(int[] rows, ReadOnlySpan<int> indexShape)
    {
        var state = new EmbeddingGather.State(rows, NumEmbeddings, PaddingIdx ?? -1);
        var y = EmbeddingGather.Gather(Weight.Value, state, zeroPadding: false);    // (n, dim)
        return y.Reshape([.. indexShape, EmbeddingDim]);
    }

    /// <inheritdoc />
    protected override string ExtraRepr() => $"{NumEmbeddings}, {EmbeddingDim}" + (PaddingIdx is int p ? $", padding_idx={p}" : "");
}

/// <summary>
/// The embedding's two recorded ops, each the other's VJP (so gradients of gradients work): gather rows of a table,
/// and scatter-add rows into a zero table skipping the padding row.
/// </summary>
internal static class EmbeddingGather
{
    /// <summary>The looked-up rows (validated), the table size and the padding row (−1 for none).</summary>
    internal sealed record State(int[] Rows, int Num, int Padding);

    /// <summary>y[i] = table[rows[i]] (0 where rows[i] is the padding row if <paramref name="zeroPadding"/>). table (num, dim) → (n, dim).</summary>
    public static Tensor<T> Gather<T>(Tensor<T> table, State s, bool zeroPadding) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int dim = table.Shape[1];
        var src = table.Detach().Contiguous().ToArray();
        var dst = new T[s.Rows.Length * dim];
        for (int i = 0; i < s.Rows.Length; i++)
            if (!zeroPadding || s.Rows[i] != s.Padding)
                src.AsSpan(s.Rows[i] * dim, dim).CopyTo(dst.AsSpan(i * dim, dim));
        var y = Tensor.Wrap(dst, s.Rows.Length, dim).To(table.Device);
        return Autograd.Record(y, "embedding", table, static (g, n) => Scatter(g, n.State<State>()), s);
    }

    /// <summary>z[r] = Σ_{i: rows[i] = r ≠ padding} g[i]. g (n, dim) → (num, dim).</summary>
    public static Tensor<T> Scatter<T>(Tensor<T> g, State s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int dim = g.Shape[1];
        var src = g.Detach().Contiguous().ToArray();
        var dst = new T[s.Num * dim];
        for (int i = 0; i < s.Rows.Length; i++)
        {
            int r = s.Rows[i];
            if (r == s.Padding) continue;
            var row = dst.AsSpan(r * dim, dim);
            var add = src.AsSpan(i * dim, dim);
            for (int j = 0; j < dim; j++) row[j] += add[j];
        }
        var z = Tensor.Wrap(dst, s.Num, dim).To(g.Device);
        return Autograd.Record(z, "embedding_backward", g, static (gg, n) => Gather(gg, n.State<State>(), zeroPadding: true), s);
    }
}
