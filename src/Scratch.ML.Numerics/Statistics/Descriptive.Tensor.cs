namespace Scratch.ML.Statistics;

/// <summary>Axis-wise descriptive statistics on <see cref="Tensor{T}"/> of double (NumPy's <c>axis=</c> argument).</summary>
public static partial class Descriptive
{
    /// <summary>The mean along <paramref name="axis"/> (negative counts from the end); the axis is removed from the shape.</summary>
    public static Tensor<double> Mean(Tensor<double> x, int axis) => Reduce("Descriptive.Mean", x, axis, 1, static lane => MeanCore(lane));

    /// <summary>The variance along <paramref name="axis"/> with divisor n − ddof.</summary>
    public static Tensor<double> Variance(Tensor<double> x, int axis, int ddof = 0)
    {
        if (ddof < 0) throw new ArgumentOutOfRangeException(nameof(ddof), ddof, "Descriptive.Variance: ddof must be ≥ 0.");
        return Reduce("Descriptive.Variance", x, axis, ddof + 1, lane => VarianceCore(lane, MeanCore(lane), ddof));
    }

    /// <summary>The standard deviation along <paramref name="axis"/> with divisor n − ddof.</summary>
    public static Tensor<double> StandardDeviation(Tensor<double> x, int axis, int ddof = 0)
    {
        if (ddof < 0) throw new ArgumentOutOfRangeException(nameof(ddof), ddof, "Descriptive.StandardDeviation: ddof must be ≥ 0.");
        return Reduce("Descriptive.StandardDeviation", x, axis, ddof + 1, lane => Math.Sqrt(VarianceCore(lane, MeanCore(lane), ddof)));
    }

    /// <summary>The median along <paramref name="axis"/>.</summary>
    public static Tensor<double> Median(Tensor<double> x, int axis) =>
        Reduce("Descriptive.Median", x, axis, 1, static lane => { lane.Sort(); return QuantileSorted(lane, 0.5, QuantileMethod.Linear); });

    /// <summary>The q-quantile along <paramref name="axis"/>.</summary>
    public static Tensor<double> Quantile(Tensor<double> x, double q, int axis, QuantileMethod method = QuantileMethod.Linear)
    {
        RequireQ(q, nameof(q));
        return Reduce("Descriptive.Quantile", x, axis, 1, lane => { lane.Sort(); return QuantileSorted(lane, q, method); });
    }

    private delegate double LaneReducer(Span<double> lane);

    /// <summary>
    /// Moves <paramref name="axis"/> last (a permuted view made contiguous), then applies <paramref name="reduce"/> to
    /// each lane copy; the output has the input shape without that axis. Lanes are copied so reducers may sort them.
    /// </summary>
    private static Tensor<double> Reduce(string op, Tensor<double> x, int axis, int minimumLength, LaneReducer reduce)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank == 0) throw new ArgumentException($"{op}: needs a tensor of rank ≥ 1, got a scalar.", nameof(x));
        int ax = Shapes.NormalizeAxis(axis, x.Rank);
        int n = x.Size(ax);
        if (n < minimumLength)
            throw new ArgumentException($"{op}: axis {axis} of shape {Shapes.Format(x.Shape)} has length {n}; need at least {minimumLength}.", nameof(x));
        int[] perm = new int[x.Rank];
        int[] outShape = new int[x.Rank - 1];
        for (int i = 0, k = 0; i < x.Rank; i++)
            if (i != ax) { outShape[k] = x.Size(i); perm[k++] = i; }
        perm[^1] = ax;
        double[] data = x.Permute(perm).Contiguous().ToArray();
        for (int i = 0; i < data.Length; i++)
            if (double.IsNaN(data[i])) throw new ArgumentException($"{op}: the tensor contains NaN.", nameof(x));
        int lanes = n == 0 ? 0 : data.Length / n;
        var result = new double[lanes];
        var lane = new double[n];
        for (int l = 0; l < lanes; l++)
        {
            data.AsSpan(l * n, n).CopyTo(lane);
            result[l] = reduce(lane);
        }
        // A rank-1 input reduces to a 0-d tensor (FromArray would read an empty shape as 1-d).
        return outShape.Length == 0 ? Tensor.Scalar(result[0]) : Tensor.FromArray(result, outShape);
    }
}
