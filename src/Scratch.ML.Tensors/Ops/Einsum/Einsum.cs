using System.Numerics;
using Scratch.ML.Cpu;

namespace Scratch.ML;

public static partial class Tensor
{
    /// <summary>
    /// Einstein summation (NumPy <c>einsum</c>): <c>Tensor.Einsum("bij,bjk->bik", a, b)</c> multiplies the operands
    /// elementwise over every combination of labels and sums over the labels that are not in the output.
    /// </summary>
    /// <remarks>
    /// <para>Subscripts: one comma-separated term per operand, letters a–z/A–Z naming axes, an optional <c>...</c>
    /// for leading broadcast axes, and an optional <c>-&gt;output</c> (without it the output is the letters that occur
    /// once, in alphabetical order). A letter repeated inside one term takes a diagonal (<c>"ii-&gt;i"</c>,
    /// <c>"ii-&gt;"</c> = trace).</para>
    /// <para>Evaluation: repeated letters become diagonal views (strides added), letters used by only one operand and
    /// absent from the output are summed out first, and operands are contracted left to right, each pair as a batched
    /// matrix product (batch labels × free labels of a × contracted labels, times contracted × free of b) by
    /// <see cref="Gemm.Multiply{T}"/>; outer products are products with an inner dimension of 1. The result is a new
    /// contiguous tensor in the output's label order.</para>
    /// <para>Gradient: for each operand, an einsum of the output gradient with the other operands whose output is the
    /// operand's labels; labels summed only inside that operand are broadcast back, broadcast ellipsis axes are summed,
    /// and repeated labels write the result onto the diagonal of zeros. Being einsums, gradients are differentiable
    /// again.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The subscripts are malformed (bad character, wrong number of terms or axes,
    /// unknown or repeated output label) or a label has two different sizes; the message names the label and operand.</exception>
    public static Tensor<T> Einsum<T>(string subscripts, params ReadOnlySpan<Tensor<T>> operands) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (operands.IsEmpty) throw new ArgumentException("Einsum: at least one operand is required.", nameof(operands));
        var shapes = new int[operands.Length][];
        for (int i = 0; i < operands.Length; i++)
        {
            if (operands[i] is null) throw new ArgumentNullException(nameof(operands), $"Einsum: operand {i} is null.");
            Devices.RequireSame("Einsum", operands[0], operands[i]);
            shapes[i] = operands[i].ShapeArray();
        }
        var e = EinsumExpression.Parse(subscripts, shapes);
        var terms = new (Tensor<T> X, int[] Labels)[operands.Length];
        for (int i = 0; i < operands.Length; i++) terms[i] = DiagonalView(operands[i].Detach(), e.Inputs[i], e.Sizes);

        var (x, labels) = terms[0];
        if (terms.Length == 1)
            (x, labels) = SumOut(x, labels, [.. e.Output]);
        for (int t = 1; t < terms.Length; t++)
        {
            var needed = new HashSet<int>(e.Output);
            for (int u = t + 1; u < terms.Length; u++) needed.UnionWith(terms[u].Labels);
            (x, labels) = Contract(x, labels, terms[t].X, terms[t].Labels, needed, e.Sizes);
        }
        var perm = new int[e.Output.Length];
        for (int i = 0; i < perm.Length; i++) perm[i] = Array.IndexOf(labels, e.Output[i]);
        var result = x.Permute(perm);
        foreach (var op in operands)
            if (ReferenceEquals(op.storage, result.storage)) { result = result.Clone(); break; }
        result = result.Contiguous();
        bool record = false;
        foreach (var op in operands) record |= op.RequiresGrad;
        if (!record || !Autograd.IsEnabled) return result;
        // ∂/∂operandᵢ: another einsum of the output gradient with the other operands (EinsumGrad.cs).
        return Autograd.Record(result, "einsum", operands.ToArray(), static (g, n) => EinsumGrad.Vjp(g, n, n.State<EinsumExpression>()), e);
    }

    /// <summary>
    /// One axis per distinct label: repeated labels merge into a diagonal (stride = sum of their strides), ellipsis
    /// axes of size 1 are broadcast (stride 0) to the label's size.
    /// </summary>
    private static (Tensor<T>, int[]) DiagonalView<T>(Tensor<T> x, int[] axisLabels, int[] sizes) where T : unmanaged
    {
        var labels = new List<int>();
        var shape = new List<int>();
        var strides = new List<int>();
        for (int a = 0; a < axisLabels.Length; a++)
        {
            int l = axisLabels[a], k = labels.IndexOf(l);
            if (k >= 0) { strides[k] += x.strides[a]; continue; }
            labels.Add(l);
            bool broadcast = x.shape[a] == 1 && sizes[l] != 1;
            shape.Add(broadcast ? sizes[l] : x.shape[a]);
            strides.Add(broadcast ? 0 : x.strides[a]);
        }
        return (new Tensor<T>(x.storage, shape.ToArray(), strides.ToArray(), x.offset, trusted: true), labels.ToArray());
    }

    /// <summary>Sums x over every label not in <paramref name="keep"/>.</summary>
    private static (Tensor<T>, int[]) SumOut<T>(Tensor<T> x, int[] labels, HashSet<int> keep) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var axes = new List<int>();
        var rest = new List<int>();
        for (int a = 0; a < labels.Length; a++)
        {
            if (keep.Contains(labels[a])) rest.Add(labels[a]);
            else axes.Add(a);
        }
        return axes.Count == 0 ? (x, labels) : (x.Sum(axes.ToArray(), false), rest.ToArray());
    }

    /// <summary>
    /// Contracts two operands into one whose labels are (batch, free of a, free of b): labels shared and still needed
    /// are batch axes, labels shared and not needed are summed by the matrix product.
    /// </summary>
    private static (Tensor<T>, int[]) Contract<T>(Tensor<T> a, int[] la, Tensor<T> b, int[] lb, HashSet<int> needed, int[] sizes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (a, la) = SumOut(a, la, [.. needed, .. lb]);
        (b, lb) = SumOut(b, lb, [.. needed, .. la]);
        var batch = la.Where(l => lb.Contains(l) && needed.Contains(l)).ToArray();
        var contracted = la.Where(l => lb.Contains(l) && !needed.Contains(l)).ToArray();
        var freeA = la.Where(l => !lb.Contains(l)).ToArray();
        var freeB = lb.Where(l => !la.Contains(l)).ToArray();
        int Count(int[] ls) { int n = 1; foreach (int l in ls) n *= sizes[l]; return n; }
        int nb = Count(batch), m = Count(freeA), k = Count(contracted), n = Count(freeB);
        var a3 = a.Permute([.. batch.Select(l => Array.IndexOf(la, l)), .. freeA.Select(l => Array.IndexOf(la, l)), .. contracted.Select(l => Array.IndexOf(la, l))]).Reshape(nb, m, k);
        var b3 = b.Permute([.. batch.Select(l => Array.IndexOf(lb, l)), .. contracted.Select(l => Array.IndexOf(lb, l)), .. freeB.Select(l => Array.IndexOf(lb, l))]).Reshape(nb, k, n);
        if (a3.strides.Any(s => s < 0)) a3 = a3.Clone();
        if (b3.strides.Any(s => s < 0)) b3 = b3.Clone();
        var c = Tensor<T>.Allocate([nb, m, n], a.Device);
        if (c.Length > 0 && k > 0)
        {
            var aa = a3.HostArray("Einsum");
            var bb = b3.HostArray("Einsum");
            var cc = c.HostArray("Einsum");
            for (int i = 0; i < nb; i++)
            {
                Gemm.Multiply(m, n, k, T.One,
                    aa.AsSpan(a3.offset + i * a3.strides[0]), a3.strides[1], a3.strides[2],
                    bb.AsSpan(b3.offset + i * b3.strides[0]), b3.strides[1], b3.strides[2],
                    T.Zero, cc.AsSpan(i * m * n, m * n), n, 1);
            }
        }
        int[] labels = [.. batch, .. freeA, .. freeB];
        return (c.Reshape(labels.Select(l => sizes[l]).ToArray()), labels);
    }
}
