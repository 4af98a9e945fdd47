using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// Variance <c>σ² = Σ(xᵢ − x̄)² / (n − ddof)</c> (or its square root) of one row by the corrected two-pass algorithm:
/// x̄ = pairwise Σxᵢ / n, then <c>(Σdᵢ² − (Σdᵢ)²/n) / (n − ddof)</c> with dᵢ = xᵢ − x̄, both sums accumulated in
/// float64 over blocks of 256 (the second term cancels the rounding error of x̄). Never negative. n − ddof ≤ 0 → NaN.
/// Derivative: ∂σ²/∂xᵢ = 2(xᵢ − x̄)/(n − ddof); ∂σ/∂xᵢ = (xᵢ − x̄)/((n − ddof)σ), taken as 0 at σ = 0 like PyTorch.
/// </summary>
/// <param name="ddof">Delta degrees of freedom: 0 for the population variance, 1 for the unbiased sample variance.</param>
/// <param name="standardDeviation">Return √σ² instead of σ².</param>
public readonly struct VarianceOperator<T>(int ddof, bool standardDeviation) : IRowReduceOperator<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Block = 1024;

    /// <inheritdoc />
    public string Name => standardDeviation ? "std" : "var";

    /// <inheritdoc />
    public T Reduce(ReadOnlySpan<T> row)
    {
        int n = row.Length;
        if (n - ddof <= 0) return T.NaN;
        T mean = SumOperator<T>.PairwiseSum(row) / T.CreateChecked(n);
        var (sum, squares) = Deviations(row, mean);
        double v = Math.Max(0, (squares - sum * sum / n) / (n - ddof));
        return T.CreateTruncating(standardDeviation ? Math.Sqrt(v) : v);
    }

    /// <summary>
    /// (Σdᵢ, Σdᵢ²) with dᵢ = xᵢ − mean in one pass: Vector512 accumulators in T over blocks of 1024 elements, each
    /// block's lanes summed into float64. The scalar loop is the twin (and handles tails and non-AVX-512 hardware).
    /// </summary>
    internal static (double Sum, double Squares) Deviations(ReadOnlySpan<T> row, T mean)
    {
        double sum = 0, squares = 0;
        int count = Vector512<T>.Count, i = 0;
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            ref T r = ref MemoryMarshal.GetReference(row);
            var m = Vector512.Create(mean);
            for (; i + Block <= row.Length; i += Block)
            {
                Vector512<T> s0 = Vector512<T>.Zero, s1 = s0, q0 = s0, q1 = s0;
                for (int j = i; j < i + Block; j += 2 * count)
                {
                    var d0 = Vector512.LoadUnsafe(ref r, (nuint)j) - m;
                    var d1 = Vector512.LoadUnsafe(ref r, (nuint)(j + count)) - m;
                    s0 += d0;
                    s1 += d1;
                    q0 += d0 * d0;
                    q1 += d1 * d1;
                }
                sum += double.CreateTruncating(Vector512.Sum(s0 + s1));
                squares += double.CreateTruncating(Vector512.Sum(q0 + q1));
            }
        }
        for (; i < row.Length; i++)
        {
            double d = double.CreateTruncating(row[i] - mean);
            sum += d;
            squares += d * d;
        }
        return (sum, squares);
    }
}

public static partial class Tensor
{
    private static Tensor<T> VarianceAlong<T>(Tensor<T> x, int axis, bool keepDims, int ddof, bool standardDeviation) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentOutOfRangeException.ThrowIfNegative(ddof);
        int a = Shapes.NormalizeAxis(axis, x.Rank);
        Tensor<T> y;
        using (Autograd.NoGrad())
            y = OuterAxis.Applies(x, a) ? OuterAxis.Variance(x, a, ddof, standardDeviation, keepDims)
                : Reductions.ReduceRows(x, [a], keepDims, new VarianceOperator<T>(ddof, standardDeviation));
        return RecordVariance(y, x, [a], ddof, standardDeviation);
    }

    /// <summary>Records the VJP of var/std over <paramref name="axes"/> (empty = all).</summary>
    private static Tensor<T> RecordVariance<T>(Tensor<T> y, Tensor<T> x, ReadOnlySpan<int> axes, int ddof, bool standardDeviation) where T : unmanaged, IFloatingPointIeee754<T>
        => Reductions.RecordReduce(y, standardDeviation ? "std" : "var", x, axes, VarianceVjp, (ddof, standardDeviation));

    /// <summary>
    /// VJP of var: gx = g·2(x − x̄)/(n − ddof). Of std = √var: gx = g·(x − x̄)/((n − ddof)·σ), set to 0 where σ = 0
    /// (PyTorch's <c>std_backward</c> masks that case). n − ddof ≤ 0 (NaN forward) gives a NaN gradient. Written with
    /// differentiable ops (x̄ = mean, σ = the saved output), so it differentiates again.
    /// </summary>
    private static Tensor<T> VarianceVjp<T>(Tensor<T> g, OpNode<T> n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = n.State<ReductionGradState>();
        var (ddof, standardDeviation) = ((int, bool))s.Extra!;
        var x = n.Input(0);
        var centred = x - x.Mean(s.Axes, keepDims: true);
        T dof = s.Count - ddof > 0 ? T.CreateChecked(s.Count - ddof) : T.NaN;
        var gk = g.Reshape(s.KeepShape);
        if (!standardDeviation) return centred * (gk * (T.CreateChecked(2) / dof));
        var sigma = n.Output.Reshape(s.KeepShape);
        Tensor<T> zero;
        using (Autograd.NoGrad()) zero = sigma.Detach().Eq(T.Zero).Cast<T>();
        // g/σ where σ ≠ 0, 0 where σ = 0: (σ + [σ=0]) is never 0 and the factor (1 − [σ=0]) clears the masked entries.
        var scale = gk / ((sigma + zero) * dof) * (Tensor.OnesLike(zero) - zero);
        return centred * scale;
    }

    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The population variance (ddof = 0) of all elements, as a 0-d tensor.</summary>
        public Tensor<T> Var() => RecordVariance(Reductions.ReduceRows(x, default, false, new VarianceOperator<T>(0, false)), x, default, 0, false);

        /// <summary>The variance along one axis with <paramref name="ddof"/> delta degrees of freedom (NumPy <c>var</c>).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank) or ddof is negative.</exception>
        /// <remarks>Along a non-unit-stride axis it runs column-wise: mean (row accumulation), (x − mean)² (broadcast), sum.</remarks>
        public Tensor<T> Var(int axis, bool keepDims = false, int ddof = 0) => VarianceAlong(x, axis, keepDims, ddof, false);

        /// <summary>The variance over several axes (empty = all axes).</summary>
        /// <exception cref="ArgumentOutOfRangeException">An axis is out of range or ddof is negative.</exception>
        /// <exception cref="ArgumentException">An axis is repeated.</exception>
        public Tensor<T> Var(ReadOnlySpan<int> axes, bool keepDims = false, int ddof = 0)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(ddof);
            return RecordVariance(Reductions.ReduceRows(x, axes, keepDims, new VarianceOperator<T>(ddof, false)), x, axes, ddof, false);
        }

        /// <summary>The population standard deviation of all elements, as a 0-d tensor.</summary>
        public Tensor<T> Std() => RecordVariance(Reductions.ReduceRows(x, default, false, new VarianceOperator<T>(0, true)), x, default, 0, true);

        /// <summary>The standard deviation along one axis (√ of <c>Var</c>).</summary>
        /// <exception cref="ArgumentOutOfRangeException">The axis is outside [−rank, rank) or ddof is negative.</exception>
        public Tensor<T> Std(int axis, bool keepDims = false, int ddof = 0) => VarianceAlong(x, axis, keepDims, ddof, true);

        /// <summary>The standard deviation over several axes (empty = all axes).</summary>
        /// <exception cref="ArgumentOutOfRangeException">An axis is out of range or ddof is negative.</exception>
        /// <exception cref="ArgumentException">An axis is repeated.</exception>
        public Tensor<T> Std(ReadOnlySpan<int> axes, bool keepDims = false, int ddof = 0)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(ddof);
            return RecordVariance(Reductions.ReduceRows(x, axes, keepDims, new VarianceOperator<T>(ddof, true)), x, axes, ddof, true);
        }
    }
}
