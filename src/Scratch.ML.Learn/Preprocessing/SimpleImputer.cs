using System.Numerics;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>How <see cref="SimpleImputer"/> chooses the value that replaces NaN in a column.</summary>
public enum ImputeStrategy
{
    /// <summary>The mean of the column's non-missing values.</summary>
    Mean,
    /// <summary>The median of the column's non-missing values (the mean of the two middle values for an even count).</summary>
    Median,
    /// <summary>The most frequent non-missing value; ties go to the smallest.</summary>
    MostFrequent,
    /// <summary>The fixed <see cref="SimpleImputer.FillValue"/>.</summary>
    Constant,
}

/// <summary>
/// Replaces missing values (NaN) column by column with a statistic of the training data, as scikit-learn's
/// <c>SimpleImputer(missing_values=np.nan)</c>. A column with no observed value at fit time has no statistic: it is
/// dropped from the output (so d′ &lt; d) unless <see cref="KeepEmptyFeatures"/>, which fills it with 0; with
/// <see cref="ImputeStrategy.Constant"/> every column is kept and filled with <see cref="FillValue"/>. Statistics
/// are computed in float64. ±∞ is rejected.
/// </summary>
/// <param name="Strategy">Mean (default), Median, MostFrequent or Constant.</param>
/// <param name="FillValue">The replacement for <see cref="ImputeStrategy.Constant"/> (finite; default 0).</param>
/// <param name="KeepEmptyFeatures">Keep all-missing columns (filled with 0) instead of dropping them.</param>
public sealed record SimpleImputer(ImputeStrategy Strategy = ImputeStrategy.Mean, double FillValue = 0, bool KeepEmptyFeatures = false) : ITransformer
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Strategy, FillValue);

    private static EstimatorCapabilities ValidateAndDescribe(ImputeStrategy strategy, double fillValue)
    {
        if (!Enum.IsDefined(strategy))
            throw new ArgumentOutOfRangeException(nameof(Strategy), strategy, "SimpleImputer: Strategy must be Mean, Median, MostFrequent or Constant.");
        PreprocessingMath.RequireFinite(nameof(SimpleImputer), nameof(FillValue), fillValue);
        return new(EstimatorKind.Transformer, Supervised: false, HandlesMissingValues: true);
    }

    /// <summary>Learns one statistic per column of x: (n, d), ignoring NaN.</summary>
    /// <exception cref="ArgumentException">x is not an (n, d) matrix with n, d ≥ 1, or holds ±∞.</exception>
    public SimpleImputerModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(nameof(SimpleImputer), x, allowNaN: true);
        int n = xs.Shape[0], d = xs.Shape[1];
        var stats = new double[d];
        for (int j = 0; j < d; j++)
        {
            var col = PreprocessingMath.Column<T>(xs.AsSpan(), n, d, j, skipNaN: true);
            stats[j] = Strategy == ImputeStrategy.Constant ? FillValue
                : col.Length == 0 ? (KeepEmptyFeatures ? 0 : double.NaN)
                : Strategy switch
                {
                    ImputeStrategy.Mean => col.Sum() / col.Length,
                    ImputeStrategy.Median => Median(col),
                    _ => MostFrequent(col),
                };
        }
        return new SimpleImputerModel<T>(this, PreprocessingMath.ToTensor<T>(stats));
    }

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);

    private static double Median(double[] v)
    {
        Array.Sort(v);
        int m = v.Length / 2;
        return v.Length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    private static double MostFrequent(double[] v)
    {
        Array.Sort(v);
        double best = v[0];
        int bestCount = 0;
        for (int i = 0; i < v.Length;)
        {
            int k = i;
            while (k < v.Length && v[k] == v[i]) k++;
            if (k - i > bestCount) { best = v[i]; bestCount = k - i; }   // strict: ties keep the smaller value
            i = k;
        }
        return best;
    }
}

/// <summary>A fitted <see cref="SimpleImputer"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class SimpleImputerModel<T> : ITransformModel<T>, ILoadableModel<SimpleImputerModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "SimpleImputer";
    private readonly int[] kept;

    internal SimpleImputerModel(SimpleImputer options, Tensor<T> statistics)
    {
        Options = options;
        Statistics = statistics;
        var s = statistics.ToArray();
        kept = [.. Enumerable.Range(0, s.Length).Where(j => !T.IsNaN(s[j]))];
    }

    /// <summary>The options it was fitted with.</summary>
    public SimpleImputer Options { get; }

    /// <summary>The fill values: (d); NaN for a column that was all missing (that column is dropped).</summary>
    public Tensor<T> Statistics { get; }

    /// <inheritdoc />
    public int FeatureCount => Statistics.Shape[0];

    /// <summary>d′: the number of output columns (d minus the dropped all-missing columns).</summary>
    public int OutputCount => kept.Length;

    /// <summary>x: (n, d) with NaN replaced by the column's statistic → (n, d′).</summary>
    /// <exception cref="ArgumentException">x has the wrong feature count or holds ±∞.</exception>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(SimpleImputerModel<T>), x, FeatureCount, allowNaN: true);
        int n = xs.Shape[0], d = FeatureCount, m = kept.Length;
        var src = xs.AsSpan();
        var stats = Statistics.AsSpan();
        var z = new T[n * m];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < m; k++)
            {
                T v = src[i * d + kept[k]];
                z[i * m + k] = T.IsNaN(v) ? stats[kept[k]] : v;
            }
        return Tensor.FromArray(z, n, m);
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["statistics"] = Statistics },
        new Dictionary<string, string>
        {
            ["strategy"] = Options.Strategy.ToString(),
            ["fill_value"] = PreprocessingMath.Format(Options.FillValue),
            ["keep_empty_features"] = PreprocessingMath.Format(Options.KeepEmptyFeatures),
        });

    /// <inheritdoc />
    public static SimpleImputerModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        if (!Enum.TryParse<ImputeStrategy>(f.Option("strategy"), out var strategy) || !Enum.IsDefined(strategy))
            throw new InvalidDataException($"{Kind}: unknown strategy \"{f.Option("strategy")}\".");
        var options = new SimpleImputer(strategy, f.Number("fill_value"), f.Flag("keep_empty_features"));
        return new SimpleImputerModel<T>(options, f.Tensor("statistics", 1));
    }
}
