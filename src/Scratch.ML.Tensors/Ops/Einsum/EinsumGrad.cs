using System.Numerics;
using System.Text;

namespace Scratch.ML;

/// <summary>
/// The vector-Jacobian product of <see cref="Tensor.Einsum{T}"/>. For <c>y = einsum(s₁,…,sₖ → o; x₁,…,xₖ)</c>, the
/// gradient of operand i is <c>einsum(o, s_j (j ≠ i) → sᵢ; g, x_j)</c>, with three corrections: labels of xᵢ that
/// appear nowhere else were summed inside xᵢ, so the gradient is broadcast along them; ellipsis axes of xᵢ of size 1
/// that were broadcast are summed back; and a label repeated in sᵢ (a diagonal) receives its gradient on that
/// diagonal of a zero tensor.
/// </summary>
internal static class EinsumGrad
{
    public static Tensor<T>?[] Vjp<T>(Tensor<T> g, OpNode<T> node, EinsumExpression e) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var letters = Letters(e);
        var grads = new Tensor<T>?[node.InputCount];
        for (int i = 0; i < grads.Length; i++)
            if (node.NeedsGrad(i)) grads[i] = OperandGrad(g, node, e, letters, i);
        return grads;
    }

    /// <summary>A letter for every label used (labels of ellipsis axes included), so gradient einsums need no '...'.</summary>
    private static Dictionary<int, char> Letters(EinsumExpression e)
    {
        var used = new SortedSet<int>(e.Output);
        foreach (var term in e.Inputs) used.UnionWith(term);
        if (used.Count > EinsumExpression.LetterCount)
            throw new NotSupportedException($"Einsum backward: the expression uses {used.Count} distinct axes (letters plus ellipsis axes); at most {EinsumExpression.LetterCount} can be differentiated.");
        var map = new Dictionary<int, char>();
        int k = 0;
        foreach (int l in used) { map[l] = k < 26 ? (char)('a' + k) : (char)('A' + k - 26); k++; }
        return map;
    }

    private static Tensor<T> OperandGrad<T>(Tensor<T> g, OpNode<T> node, EinsumExpression e, Dictionary<int, char> letters, int i)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var x = node.Input(i);
        int[] labels = e.Inputs[i];
        // The distinct labels of xᵢ in first-occurrence order, with the size each has inside xᵢ.
        var distinct = new List<int>();
        var ownSize = new List<int>();
        for (int a = 0; a < labels.Length; a++)
            if (!distinct.Contains(labels[a])) { distinct.Add(labels[a]); ownSize.Add(x.Shape[a]); }

        var operands = new List<Tensor<T>> { g };
        var expr = new StringBuilder();
        var present = new HashSet<int>(e.Output);
        foreach (int l in e.Output) expr.Append(letters[l]);
        for (int j = 0; j < node.InputCount; j++)
        {
            if (j == i) continue;
            var (xj, lj) = DropBroadcastAxes(node.Input(j), e.Inputs[j], e.Sizes);
            operands.Add(xj);
            expr.Append(',');
            foreach (int l in lj) { expr.Append(letters[l]); present.Add(l); }
        }
        expr.Append("->");
        var available = distinct.Where(present.Contains).ToArray();
        foreach (int l in available) expr.Append(letters[l]);
        var gd = Tensor.Einsum(expr.ToString(), operands.ToArray());

        // Labels summed only inside xᵢ: broadcast the gradient along them.
        if (available.Length < distinct.Count)
        {
            var withOnes = distinct.Select(l => present.Contains(l) ? e.Sizes[l] : 1).ToArray();
            gd = gd.Reshape(withOnes).BroadcastTo(distinct.Select(l => e.Sizes[l]).ToArray());
        }
        // Ellipsis axes of size 1 in xᵢ that were broadcast: sum them back.
        var broadcastAxes = Enumerable.Range(0, distinct.Count).Where(k => ownSize[k] != e.Sizes[distinct[k]]).ToArray();
        if (broadcastAxes.Length > 0) gd = gd.Sum(broadcastAxes, keepDims: true);
        if (distinct.Count == labels.Length) return gd;

        // A repeated label: the gradient lands on the diagonal of zeros.
        return Autograd.ScatterIntoView(gd, x.ShapeArray(), t => DiagonalOf(t, labels));
    }

    /// <summary>The operand without its size-1 ellipsis axes that broadcast to a larger size (they carry no index).</summary>
    private static (Tensor<T>, int[]) DropBroadcastAxes<T>(Tensor<T> x, int[] labels, int[] sizes) where T : unmanaged
    {
        var keep = Enumerable.Range(0, labels.Length).Where(a => !(x.Shape[a] == 1 && sizes[labels[a]] != 1)).ToArray();
        if (keep.Length == labels.Length) return (x, labels);
        return (x.Reshape(keep.Select(a => x.Shape[a]).ToArray()), keep.Select(a => labels[a]).ToArray());
    }

    /// <summary>The raw strided view with one axis per distinct label (repeated labels merged into a diagonal).</summary>
    private static Tensor<T> DiagonalOf<T>(Tensor<T> t, int[] labels) where T : unmanaged
    {
        var seen = new List<int>();
        var shape = new List<int>();
        var strides = new List<int>();
        for (int a = 0; a < labels.Length; a++)
        {
            int k = seen.IndexOf(labels[a]);
            if (k >= 0) { strides[k] += t.strides[a]; continue; }
            seen.Add(labels[a]);
            shape.Add(t.Shape[a]);
            strides.Add(t.strides[a]);
        }
        return new Tensor<T>(t.storage, shape.ToArray(), strides.ToArray(), t.offset, trusted: true);
    }
}
