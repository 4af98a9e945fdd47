using System.Numerics;
using System.Numerics.Tensors;

namespace Scratch.ML.NN;

/// <summary>
/// The fused kernel behind <see cref="CrossEntropyLoss{T}"/> and <see cref="NllLoss{T}"/> with class-index targets:
/// one graph node computes the per-position losses and their reduction, and one VJP gives the input gradient.
/// </summary>
/// <remarks>
/// <para>Layout: input (N, C, S…) viewed as (N, C, S) with S the product of the trailing axes, target (N, S…).
/// For position i = (n, s) with label t ≠ ignore_index, class weights w (ones if none), W = Σ_c w_c, smoothing ε and
/// log-probabilities q (log_softmax of the input for cross-entropy, the input itself for NLL):</para>
/// <para><c>ℓᵢ = −(1 − ε)·w_t·q_t − (ε/C)·Σ_c w_c·q_c</c>, ignored positions give 0, and the mean divides by
/// <c>D = Σ_{i not ignored} w_{tᵢ}</c> (PyTorch 1.13: both the NLL and the smoothing term use this denominator).</para>
/// <para>VJP (cross-entropy): <c>∂ℓᵢ/∂x_c = p_c·Aᵢ − B_ic</c> with p = softmax(x), Aᵢ = (1 − ε)·w_t + ε·W/C and
/// B_ic = (1 − ε)·w_t·[c = t] + ε·w_c/C; NLL: <c>∂ℓᵢ/∂q_c = −B_ic</c>. Plain backward runs one host pass from the
/// saved log-probabilities; under <c>createGraph</c> the same formula is built from differentiable ops
/// (softmax, mul, sub) so that second derivatives work.</para>
/// </remarks>
internal static class ClassIndexLoss
{
    private sealed class Saved<T>(T[] logp, long[] labels, T[]? weight, int n, int c, int s, double smoothing, long ignore, bool softmax, Reduction reduction, T scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public readonly T[] LogP = logp;
        public readonly long[] Labels = labels;
        public readonly T[]? Weight = weight;
        public readonly int N = n, C = c, S = s;
        public readonly double Smoothing = smoothing;
        public readonly long Ignore = ignore;
        public readonly bool Softmax = softmax;
        public readonly Reduction Reduction = reduction;
        public readonly T Scale = scale;
    }

    /// <summary>Validates shapes and labels, computes the loss and records one node.</summary>
    public static Tensor<T> Forward<T>(string loss, Tensor<T> input, long[] labels, ReadOnlySpan<int> targetShape, Tensor<T>? weight,
        long ignoreIndex, double smoothing, Reduction reduction, bool softmax) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(input);
        bool unbatched = input.Rank == 1;
        if (unbatched)
        {
            if (targetShape.Length != 0)
                throw new ArgumentException($"{loss}: an unbatched input of shape {Shapes.Format(input.Shape)} (C) needs a scalar target, but target has shape {Shapes.Format(targetShape)}.", "target");
            input = input.Reshape(1, input.Shape[0]);
        }
        else
        {
            if (input.Rank < 2)
                throw new ArgumentException($"{loss}: input must have shape (C), (N, C) or (N, C, d1, …), got {Shapes.Format(input.Shape)}.", nameof(input));
            bool ok = targetShape.Length == input.Rank - 1 && targetShape[0] == input.Shape[0];
            for (int k = 2; ok && k < input.Rank; k++) ok = targetShape[k - 1] == input.Shape[k];
            if (!ok)
            {
                var expected = new int[input.Rank - 1];
                expected[0] = input.Shape[0];
                for (int k = 2; k < input.Rank; k++) expected[k - 1] = input.Shape[k];
                throw new ArgumentException($"{loss}: input of shape {Shapes.Format(input.Shape)} (N, C, …) needs target of shape {Shapes.Format(expected)}, but target has shape {Shapes.Format(targetShape)}.", "target");
            }
        }
        int n = input.Shape[0], c = input.Shape[1], s = input.Length / Math.Max(1, n * c);
        if (n * c == 0) s = 1;
        T[]? w = null;
        if (weight is not null)
        {
            if (weight.Rank != 1 || weight.Shape[0] != c)
                throw new ArgumentException($"{loss}: weight must have shape ({c}) (one per class), got {Shapes.Format(weight.Shape)}.", nameof(weight));
            w = weight.ToArray();
        }
        T[] q;
        using (Autograd.NoGrad())
        {
            var lp = softmax ? input.Detach().LogSoftmax(1) : input.Detach();
            // A fresh log_softmax on the host is read in place; anything else is copied.
            q = softmax && lp.IsContiguous && lp.Offset == 0 && lp.Device.Equals(Device.Cpu) ? lp.HostArray("CrossEntropyLoss") : lp.ToArray();
            if (q.Length != lp.Length) q = lp.ToArray(); // storage larger than the tensor: copy the logical elements
        }

        T eps = T.CreateChecked(smoothing), keep = T.One - eps, invC = T.One / T.CreateChecked(c);
        var perPos = new T[n * s];
        double denom = 0, total = 0; // accumulated in double: float sums over large batches would drift
        for (int i = 0; i < n; i++)
            for (int j = 0; j < s; j++)
            {
                long t = labels[i * s + j];
                if (t == ignoreIndex) continue;
                if (t < 0 || t >= c)
                    throw new ArgumentOutOfRangeException("target", t, $"{loss}: target label {t} (at flat position {i * s + j}) is out of range for C = {c} classes; labels must be in [0, {c - 1}] or equal ignore_index ({ignoreIndex}).");
                int row = i * c * s + j;
                T wt = w is null ? T.One : w[t];
                T l = -keep * wt * q[row + (int)t * s];
                if (smoothing != 0)
                {
                    T sm = T.Zero;
                    if (s == 1) sm = w is null ? TensorPrimitives.Sum<T>(q.AsSpan(row, c)) : TensorPrimitives.Dot<T>(w, q.AsSpan(row, c));
                    else for (int k = 0; k < c; k++) sm += (w is null ? T.One : w[k]) * q[row + k * s];
                    l -= eps * invC * sm;
                }
                perPos[i * s + j] = l;
                denom += double.CreateTruncating(wt);
                total += double.CreateTruncating(l);
            }

        Tensor<T> y;
        T scale = T.One;
        if (reduction == Reduction.None)
        {
            y = Tensor.FromArray(perPos, perPos.Length).Reshape(unbatched ? [] : targetShape).To(input.Device);
        }
        else
        {
            // mean: 0/0 = NaN when every position is ignored, as PyTorch
            if (reduction == Reduction.Mean) scale = T.CreateChecked(1 / denom);
            y = Tensor.Scalar(T.CreateChecked(reduction == Reduction.Mean ? total / denom : total), input.Device);
        }
        var saved = new Saved<T>(q, labels, w, n, c, s, smoothing, ignoreIndex, softmax, reduction, scale);
        return Autograd.Record(y, softmax ? "cross_entropy" : "nll_loss", input, static (g, node) => Backward(g, node), saved);
    }

    private static Tensor<T> Backward<T>(Tensor<T> g, OpNode<T> node) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var st = node.State<Saved<T>>();
        var x = node.Input(0);
        int[] rowShape = x.ShapeArray();
        rowShape[1] = 1;
        // g: scalar (mean/sum) or the target shape (none) → (N, 1, S…) to broadcast over classes
        var gs = st.Reduction == Reduction.None ? g.Reshape(rowShape) : g;
        if (!Autograd.IsEnabled && g.Device.Equals(Device.Cpu)) return HostBackward(st, gs.ToArray(), x.ShapeArray());
        var (a, b) = Coefficients(st);
        var bt = Tensor.Wrap(b, x.ShapeArray()).To(x.Device);
        var gScaled = gs * st.Scale;
        if (!st.Softmax) return -bt * gScaled;
        var at = Tensor.Wrap(a, rowShape).To(x.Device);
        return (x.Softmax(1) * at - bt) * gScaled;
    }

    /// <summary>Plain backward in one host pass: ∂x = (p·A − B)·g·scale (cross-entropy) or −B·g·scale (NLL).</summary>
    private static Tensor<T> HostBackward<T>(Saved<T> st, T[] gv, int[] shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T eps = T.CreateChecked(st.Smoothing), keep = T.One - eps, epsOverC = eps / T.CreateChecked(st.C);
        T wsum = T.Zero;
        if (st.Weight is null) wsum = T.CreateChecked(st.C);
        else foreach (var v in st.Weight) wsum += v;
        var grad = new T[st.LogP.Length];
        int c = st.C, s = st.S;
        if (s == 1 && st.Softmax)
        {
            // (N, C) rows are contiguous: vectorised exp and scale per row.
            for (int i = 0; i < st.N; i++)
            {
                long t = st.Labels[i];
                if (t == st.Ignore) continue;
                T wt = st.Weight is null ? T.One : st.Weight[t];
                T gi = (gv.Length == 1 ? gv[0] : gv[i]) * st.Scale;
                var row = grad.AsSpan(i * c, c);
                TensorPrimitives.Exp(st.LogP.AsSpan(i * c, c), row);
                TensorPrimitives.Multiply(row, (keep * wt + epsOverC * wsum) * gi, row);
                if (st.Smoothing != 0)
                {
                    if (st.Weight is null) TensorPrimitives.Subtract(row, epsOverC * gi, row);
                    else TensorPrimitives.MultiplyAdd(st.Weight, -epsOverC * gi, row, row);
                }
                row[(int)t] -= keep * wt * gi;
            }
            return Tensor.Wrap(grad, shape);
        }
        for (int i = 0; i < st.N; i++)
            for (int j = 0; j < s; j++)
            {
                long t = st.Labels[i * s + j];
                if (t == st.Ignore) continue;
                T wt = st.Weight is null ? T.One : st.Weight[t];
                T gi = (gv.Length == 1 ? gv[0] : gv[i * s + j]) * st.Scale;
                T a = st.Softmax ? (keep * wt + epsOverC * wsum) * gi : T.Zero;
                T smooth = epsOverC * gi;
                int row = i * c * s + j;
                for (int k = 0; k < c; k++)
                {
                    int e = row + k * s;
                    T v = st.Softmax ? T.Exp(st.LogP[e]) * a : T.Zero;
                    if (st.Smoothing != 0) v -= smooth * (st.Weight is null ? T.One : st.Weight[k]);
                    grad[e] = v;
                }
                grad[row + (int)t * s] -= keep * wt * gi;
            }
        return Tensor.Wrap(grad, shape);
    }

    /// <summary>A: (N·S) per-position softmax factor; B: (N·C·S) constant part of the gradient.</summary>
    private static (T[] A, T[] B) Coefficients<T>(Saved<T> st) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T eps = T.CreateChecked(st.Smoothing), keep = T.One - eps, invC = T.One / T.CreateChecked(st.C);
        T wsum = T.Zero;
        if (st.Weight is null) wsum = T.CreateChecked(st.C);
        else foreach (var v in st.Weight) wsum += v;
        var a = new T[st.N * st.S];
        var b = new T[st.N * st.C * st.S];
        for (int i = 0; i < st.N; i++)
            for (int j = 0; j < st.S; j++)
            {
                long t = st.Labels[i * st.S + j];
                if (t == st.Ignore) continue;
                T wt = st.Weight is null ? T.One : st.Weight[t];
                a[i * st.S + j] = keep * wt + eps * wsum * invC;
                int row = i * st.C * st.S + j;
                if (st.Smoothing != 0)
                    for (int k = 0; k < st.C; k++) b[row + k * st.S] = eps * invC * (st.Weight is null ? T.One : st.Weight[k]);
                b[row + (int)t * st.S] += keep * wt;
            }
        return (a, b);
    }
}
