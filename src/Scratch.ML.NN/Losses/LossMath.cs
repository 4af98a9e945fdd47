using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Shared pieces of the losses: reduction, shape checks, constant masks and a few differentiable helpers built from
/// ops that have VJPs (relu, add, mul…), so that the losses do not depend on other ops' gradients.
/// </summary>
/// <remarks>
/// Masks (which branch of a piecewise formula applies) are computed from detached values and enter as constants,
/// exactly as PyTorch's <c>where</c>/<c>masked_fill</c> route the gradient. A mask only multiplies finite values, so
/// an unselected branch can never turn 0·∞ into NaN.
/// </remarks>
internal static class LossMath
{
    public static void CheckReduction(Reduction reduction)
    {
        if (!Enum.IsDefined(reduction))
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction; use Reduction.Mean, Sum or None.");
    }

    /// <summary>Mean / Sum / None of per-element losses (mean of no elements is NaN, as PyTorch).</summary>
    public static Tensor<T> Reduce<T>(Tensor<T> loss, Reduction reduction) where T : unmanaged, IFloatingPointIeee754<T> => reduction switch
    {
        Reduction.Mean => loss.Mean(),
        Reduction.Sum => loss.Sum(),
        _ => loss,
    };

    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static void CheckSameShape<T, TB>(string loss, Tensor<T> a, string aName, Tensor<TB> b, string bName) where T : unmanaged where TB : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a, aName);
        ArgumentNullException.ThrowIfNull(b, bName);
        if (!a.Shape.SequenceEqual(b.Shape))
            throw new ArgumentException($"{loss}: {aName} has shape {Shapes.Format(a.Shape)} but {bName} has shape {Shapes.Format(b.Shape)}; they must be equal.", bName);
    }

    /// <summary>Checks that <paramref name="w"/> broadcasts to <paramref name="shape"/> without enlarging it.</summary>
    public static void CheckBroadcastsTo<T>(string loss, Tensor<T> w, string wName, ReadOnlySpan<int> shape, string toName) where T : unmanaged
    {
        bool ok = w.Rank <= shape.Length;
        for (int i = 1; ok && i <= w.Rank; i++)
        {
            int a = w.Shape[^i], b = shape[^i];
            ok = a == b || a == 1;
        }
        if (!ok)
            throw new ArgumentException($"{loss}: {wName} of shape {Shapes.Format(w.Shape)} does not broadcast to the {toName} shape {Shapes.Format(shape)}.", wName);
    }

    /// <summary>A 0/1 tensor (no gradient) from a boolean mask.</summary>
    public static Tensor<T> Mask<T>(Tensor<bool> mask) where T : unmanaged, IFloatingPointIeee754<T> => mask.Cast<T>();

    /// <summary><c>|x| = relu(x) + relu(−x)</c>: derivative sign(x) (0 at 0, like PyTorch's abs).</summary>
    public static Tensor<T> Abs<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => x.Relu() + (-x).Relu();

    /// <summary><c>max(a, b) = b + relu(a − b)</c> with broadcasting.</summary>
    public static Tensor<T> Maximum<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => b + (a - b).Relu();

    /// <summary><c>min(a, b) = a − relu(a − b)</c> with broadcasting.</summary>
    public static Tensor<T> Minimum<T>(Tensor<T> a, Tensor<T> b) where T : unmanaged, IFloatingPointIeee754<T> => a - (a - b).Relu();

    /// <summary>
    /// <c>y = |x|^p</c> (p ≥ 0; 0⁰ = 1) recorded as one node whose VJP <c>g · p · |x|^(p−1) · sign(x)</c> is itself
    /// built from this op, so it is differentiable to any order. p = 0 has a zero gradient.
    /// </summary>
    public static Tensor<T> PowAbs<T>(Tensor<T> x, T p) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Tensor<T> y;
        using (Autograd.NoGrad()) y = x.Detach().Abs().Pow(p);
        return Autograd.Record(y, "pow_abs", x, static (g, n) =>
        {
            var p = n.State<T>();
            if (p == T.Zero) return g * T.Zero;
            var x = n.Input(0);
            Tensor<T> sign;
            using (Autograd.NoGrad()) sign = x.Detach().Sign();
            return g * PowAbs(x, p - T.One) * sign * p;
        }, p);
    }

    /// <summary><c>√x</c> for x ≥ 0 (through <see cref="PowAbs{T}"/>).</summary>
    public static Tensor<T> Sqrt<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => PowAbs(x, T.CreateChecked(0.5));

    /// <summary>Class labels from an int or long tensor, as a flat host array (row-major).</summary>
    public static long[] Labels(Tensor<long> target) => target.ToArray();

    /// <inheritdoc cref="Labels(Tensor{long})"/>
    public static long[] Labels(Tensor<int> target)
    {
        var a = target.ToArray();
        var r = new long[a.Length];
        for (int i = 0; i < a.Length; i++) r[i] = a[i];
        return r;
    }

    /// <summary>Throws when target requires a gradient that the loss (like PyTorch) does not provide.</summary>
    public static void NoTargetGrad<T>(string loss, Tensor<T> target) where T : unmanaged
    {
        if (Autograd.IsRecording(target))
            throw new NotSupportedException($"{loss}: the derivative with respect to target is not implemented (as in PyTorch); pass target.Detach().");
    }
}
