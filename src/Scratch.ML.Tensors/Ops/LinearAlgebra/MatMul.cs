using System.Numerics;

namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Matrix product with PyTorch <c>matmul</c> semantics (also callable as <c>Tensor.MatMul(a, b)</c>):
        /// <list type="bullet">
        /// <item>1-d · 1-d (k)·(k) → 0-d dot product <c>Σₚ aₚbₚ</c>;</item>
        /// <item>2-d · 2-d (m, k)·(k, n) → (m, n), <c>yᵢⱼ = Σₚ aᵢₚbₚⱼ</c>;</item>
        /// <item>1-d · 2-d (k)·(k, n) → (n) and 2-d · 1-d (m, k)·(k) → (m) (a vectorised matrix-vector product);</item>
        /// <item>N-d: the last two axes multiply and the leading (batch) axes broadcast, e.g.
        /// (B, 1, m, k)·(H, k, n) → (B, H, m, n); a 1-d operand gets a temporary axis that is removed from the result.</item>
        /// </list>
        /// Transposed and sliced operands are read through their strides (no copy). Rounding: each element is a
        /// fused multiply-add chain over k, bitwise identical for any thread count.
        /// </summary>
        /// <exception cref="ArgumentException">An operand is 0-d, the inner dimensions differ, the batch axes do not
        /// broadcast, or the operands live on different devices; the message gives both shapes.</exception>
        public Tensor<T> MatMul(Tensor<T> b)
        {
            var plan = MatMulPlan.Create(a, b);
            var y = Tensor<T>.AllocateUninitialized(plan.OutputShape, a.Device); // β = 0: every element is written
            a.Device.Backend.MatMul(plan.A, plan.B, y.Reshape(plan.FullShape), T.One, T.Zero);
            return Autograd.Record(y, "matmul", a, b, MatMulVjp);
        }

        /// <summary>
        /// <c>output ← α·matmul(a, b) + β·output</c> into an existing tensor (the BLAS/<c>addmm</c> form; any
        /// strides), returning <paramref name="output"/>. With β = 0 the previous contents are not read (NaNs do not
        /// propagate). Shapes follow <c>MatMul(a, b)</c>.
        /// </summary>
        /// <exception cref="ArgumentException">The shapes do not multiply, or <paramref name="output"/> does not have the
        /// result's shape or lives on another device.</exception>
        public Tensor<T> MatMul(Tensor<T> b, Tensor<T> output, T alpha, T beta)
        {
            ArgumentNullException.ThrowIfNull(output);
            if (Autograd.IsRecording(a, b))
                throw new NotSupportedException("MatMul into an existing output is not differentiable (like PyTorch's out= variants); use MatMul(b) when the operands require gradients.");
            Autograd.CheckInPlace("MatMul", output);
            var plan = MatMulPlan.Create(a, b);
            Devices.RequireSame("MatMul", a, output);
            if (!output.Shape.SequenceEqual(plan.OutputShape))
                throw new ArgumentException($"MatMul: output has shape {Shapes.Format(output.Shape)} but {Shapes.Format(a.Shape)} · {Shapes.Format(b.Shape)} gives {Shapes.Format(plan.OutputShape)}.", nameof(output));
            var full = output;
            if (a.Rank == 1) full = full.Unsqueeze(full.Rank - (b.Rank == 1 ? 0 : 1));
            if (b.Rank == 1) full = full.Unsqueeze(full.Rank);
            for (int d = 0; d < full.Rank; d++)
                if (full.Strides[d] == 0 && full.Shape[d] > 1)
                    throw new ArgumentException($"MatMul: output of shape {Shapes.Format(output.Shape)} has a zero stride on axis {d} (a broadcast view); write into a tensor that owns its elements.", nameof(output));
            a.Device.Backend.MatMul(plan.A, plan.B, full, alpha, beta);
            return output;
        }

        /// <summary><c>output ← matmul(a, b)</c> into an existing tensor of the result's shape; returns it.</summary>
        /// <exception cref="ArgumentException">See <c>MatMul(a, b, output, alpha, beta)</c>.</exception>
        public Tensor<T> MatMul(Tensor<T> b, Tensor<T> output) => a.MatMul(b, output, T.One, T.Zero);
    }
}

/// <summary>
/// The shape logic of <c>matmul</c>, in one place: promotes 1-d operands, broadcasts batch axes and computes the
/// result shape, with both operand shapes in every error message.
/// </summary>
internal readonly struct MatMulPlan<T> where T : unmanaged
{
    /// <summary>a as (batch…, m, k), broadcast.</summary>
    public Tensor<T> A { get; init; }
    /// <summary>b as (batch…, k, n), broadcast.</summary>
    public Tensor<T> B { get; init; }
    /// <summary>(batch…, m, n).</summary>
    public int[] FullShape { get; init; }
    /// <summary>FullShape without the axes added for 1-d operands.</summary>
    public int[] OutputShape { get; init; }
}

internal static class MatMulPlan
{
    public static MatMulPlan<T> Create<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Devices.RequireSame("MatMul", a, b);
        if (a.Rank == 0 || b.Rank == 0)
            throw new ArgumentException($"MatMul: both operands need at least one axis, got {Shapes.Format(a.Shape)} and {Shapes.Format(b.Shape)}; use multiplication for scalars.");
        var a2 = a.Rank == 1 ? a.Unsqueeze(0) : a;
        var b2 = b.Rank == 1 ? b.Unsqueeze(1) : b;
        int m = a2.shape[^2], k = a2.shape[^1], kb = b2.shape[^2], n = b2.shape[^1];
        if (k != kb)
            throw new ArgumentException($"MatMul: inner dimensions differ: a {Shapes.Format(a.Shape)} has {k} columns but b {Shapes.Format(b.Shape)} has {kb} rows.");
        int[] batch;
        try
        {
            batch = Shapes.Broadcast(a2.shape.AsSpan(0, a2.Rank - 2), b2.shape.AsSpan(0, b2.Rank - 2), "MatMul");
        }
        catch (ArgumentException)
        {
            throw new ArgumentException($"MatMul: the batch axes of a {Shapes.Format(a.Shape)} and b {Shapes.Format(b.Shape)} cannot be broadcast together.");
        }
        int[] full = [.. batch, m, n];
        var output = new List<int>(batch);
        if (a.Rank > 1) output.Add(m);
        if (b.Rank > 1) output.Add(n);
        return new MatMulPlan<T>
        {
            A = a2.BroadcastView([.. batch, m, k]),
            B = b2.BroadcastView([.. batch, k, n]),
            FullShape = full,
            OutputShape = [.. output],
        };
    }
}

public static partial class Tensor
{
    /// <summary>
    /// VJP of matmul. With 1-d operands promoted to matrices (a: (…, m, k), b: (…, k, n), g: (…, m, n)):
    /// ∂L/∂a = g·bᵀ and ∂L/∂b = aᵀ·g, then summed over batch axes that were broadcast and reshaped back.
    /// </summary>
    private static (Tensor<T>?, Tensor<T>?) MatMulVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = n.Input(0);
        var b = n.Input(1);
        var a2 = a.Rank == 1 ? a.Unsqueeze(0) : a;           // (…, m, k)
        var b2 = b.Rank == 1 ? b.Unsqueeze(-1) : b;          // (…, k, n)
        var g2 = g;
        if (a.Rank == 1) g2 = g2.Unsqueeze(b.Rank == 1 ? 0 : -2);
        if (b.Rank == 1) g2 = g2.Unsqueeze(-1);              // (…, m, n)
        Tensor<T>? ga = null, gb = null;
        if (n.NeedsGrad(0)) ga = g2.MatMul(b2.MT).SumTo(a2.Shape).Reshape(a.Shape);
        if (n.NeedsGrad(1)) gb = a2.MT.MatMul(g2).SumTo(b2.Shape).Reshape(b.Shape);
        if (!Autograd.IsEnabled)
        {
            // Fresh results (or views of fresh results) nothing else references: the engine may adopt or recycle them.
            if (ga is not null) ga.ExclusiveGradient = true;
            if (gb is not null) gb.ExclusiveGradient = true;
        }
        return (ga, gb);
    }
}
