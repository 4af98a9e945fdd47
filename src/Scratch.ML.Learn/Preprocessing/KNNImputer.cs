using System.Numerics;
using Scratch.ML.Learn.Neighbors;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>
/// Fills missing values (NaN) from the nearest training rows, as scikit-learn 1.2's <c>KNNImputer</c>.
/// </summary>
/// <remarks>
/// <para>
/// Distance (scikit-learn's <c>nan_euclidean</c>): between rows a and b with D features,
/// <c>dist = √(D / p · Σ_{j present in both} (a_j − b_j)²)</c>, p the number of coordinates present in both; NaN when
/// p = 0. It is computed directly (scikit-learn uses the ‖a‖² − 2a·b + ‖b‖² expansion, so distances agree to rounding).
/// </para>
/// <para>
/// For a missing x[i, j], the donors are the training rows with column j present; the k = min(<see cref="Neighbors"/>,
/// #donors) nearest (NaN distances last, ties by row index) are averaged — uniformly, or with weights 1/dist
/// (weight 1 for donors at distance 0 and 0 for the rest if any is at distance 0; weight 0 for a NaN distance). As in
/// scikit-learn, with uniform weights a donor at NaN distance can be among the k when fewer than k are at a finite
/// distance. A row whose distances to all donors are NaN gets the column's training mean.
/// </para>
/// <para>
/// A column with no value at fit time is dropped from the output (d′ &lt; d) unless <see cref="KeepEmptyFeatures"/>
/// (then it is filled with 0). With <see cref="AddIndicator"/>, one 0/1 column per feature that had a missing value at
/// fit time is appended (1 where x is NaN). (scikit-learn 1.2 forgets the indicator when the transformed x has no NaN at
/// all; here the indicator columns are always appended, so the width does not depend on the data.)
/// The model keeps the whole training matrix (n·d values): transform costs O(m·n·d) for m rows with a missing value.
/// </para>
/// </remarks>
/// <param name="Neighbors">k (≥ 1; default 5).</param>
/// <param name="Weights">Uniform (default) or Distance.</param>
/// <param name="AddIndicator">Append missing-value indicator columns.</param>
/// <param name="KeepEmptyFeatures">Keep all-missing columns (filled with 0) instead of dropping them.</param>
public sealed record KNNImputer(int Neighbors = 5, NeighborWeights Weights = NeighborWeights.Uniform, bool AddIndicator = false, bool KeepEmptyFeatures = false) : ITransformer
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = Validate(Neighbors, Weights);

    private static EstimatorCapabilities Validate(int k, NeighborWeights weights)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(Neighbors), k, "KNNImputer: Neighbors must be ≥ 1.");
        if (!Enum.IsDefined(weights)) throw new ArgumentOutOfRangeException(nameof(Weights), weights, "KNNImputer: Weights must be Uniform or Distance.");
        return new(EstimatorKind.Transformer, Supervised: false, HandlesMissingValues: true);
    }

    /// <summary>Stores the training rows x: (n, d) (NaN allowed).</summary>
    /// <exception cref="ArgumentException">x is not an (n, d) matrix or holds ±∞.</exception>
    public KNNImputerModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => new(this, InputChecks.Features(nameof(KNNImputer), x, allowNaN: true).Clone());

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);
}

/// <summary>A fitted <see cref="KNNImputer"/>: the training rows.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class KNNImputerModel<T> : ITransformModel<T>, ILoadableModel<KNNImputerModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "KNNImputer";
    private readonly double[] fit;           // (n, d) row-major, float64
    private readonly bool[] valid;           // column has a value at fit time
    private readonly int[] indicator;        // columns with a missing value at fit time
    private readonly double[] columnMean;

    internal KNNImputerModel(KNNImputer options, Tensor<T> fitX)
    {
        Options = options;
        FitX = fitX;
        int n = fitX.Shape[0], d = fitX.Shape[1];
        fit = PreprocessingMath.ToDoubles(fitX.Reshape(n * d));
        valid = new bool[d];
        columnMean = new double[d];
        var missing = new bool[d];
        for (int j = 0; j < d; j++)
        {
            int count = 0;
            for (int i = 0; i < n; i++)
            {
                double v = fit[i * d + j];
                if (double.IsNaN(v)) { missing[j] = true; continue; }
                columnMean[j] += v;
                count++;
            }
            valid[j] = count > 0;
            columnMean[j] = count > 0 ? columnMean[j] / count : 0;
        }
        indicator = options.AddIndicator ? [.. Enumerable.Range(0, d).Where(j => missing[j])] : [];
    }

    /// <summary>The options it was fitted with.</summary>
    public KNNImputer Options { get; }

    /// <summary>The training rows: (n, d), NaN where missing (scikit-learn's <c>_fit_X</c>).</summary>
    public Tensor<T> FitX { get; }

    /// <inheritdoc />
    public int FeatureCount => FitX.Shape[1];

    /// <summary>d′: kept columns plus indicator columns.</summary>
    public int OutputCount => (Options.KeepEmptyFeatures ? FeatureCount : valid.Count(v => v)) + indicator.Length;

    /// <summary>Fills the NaN of x: (n, d) → (n, d′) (see the remarks of <see cref="KNNImputer"/>).</summary>
    /// <exception cref="ArgumentException">Wrong feature count or ±∞.</exception>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(KNNImputerModel<T>), x, FeatureCount, allowNaN: true);
        int m = xs.Shape[0], d = FeatureCount, n = FitX.Shape[0];
        var q = PreprocessingMath.ToDoubles(xs.Reshape(m * d));
        var filled = (double[])q.Clone();
        // Rows are independent (each writes only its own cells), so the result does not depend on the thread count.
        Parallel.For(0, m, () => new double[n], (i, _, dist) =>
        {
            bool any = false;
            for (int j = 0; j < d && !any; j++) any = double.IsNaN(q[i * d + j]);
            if (!any) return dist;
            for (int r = 0; r < n; r++) dist[r] = NanEuclidean(q.AsSpan(i * d, d), fit.AsSpan(r * d, d));
            var donors = new List<int>(n);
            for (int j = 0; j < d; j++)
            {
                if (!double.IsNaN(q[i * d + j]) || !valid[j]) continue;
                donors.Clear();
                bool finite = false;
                for (int r = 0; r < n; r++)
                    if (!double.IsNaN(fit[r * d + j])) { donors.Add(r); finite |= !double.IsNaN(dist[r]); }
                filled[i * d + j] = finite ? Impute(donors, dist, j, d) : columnMean[j];
            }
            return dist;
        }, _ => { });
        int width = OutputCount;
        var z = new T[m * width];
        for (int i = 0; i < m; i++)
        {
            int c = 0;
            for (int j = 0; j < d; j++)
            {
                if (valid[j]) z[i * width + c++] = T.CreateTruncating(filled[i * d + j]);
                else if (Options.KeepEmptyFeatures) z[i * width + c++] = T.Zero;
            }
            foreach (int j in indicator) z[i * width + c++] = double.IsNaN(q[i * d + j]) ? T.One : T.Zero;
        }
        return Tensor.FromArray(z, m, width);
    }

    private double Impute(List<int> donors, double[] dist, int j, int d)
    {
        // The k nearest donors: nearest first, NaN distances last, ties by row index (donors arrive in index order and
        // only a strictly nearer one displaces an earlier one), by insertion into a sorted buffer: O(#donors · k).
        int k = Math.Min(Options.Neighbors, donors.Count), count = 0;
        var order = new int[k];
        foreach (int r in donors)
        {
            if (count == k && !Nearer(dist[r], dist[order[k - 1]])) continue;
            int pos = count < k ? count++ : k - 1;
            while (pos > 0 && Nearer(dist[r], dist[order[pos - 1]])) { order[pos] = order[pos - 1]; pos--; }
            order[pos] = r;
        }
        if (Options.Weights == NeighborWeights.Uniform)
        {
            double s = 0;
            for (int t = 0; t < k; t++) s += fit[order[t] * d + j];
            return s / k;
        }
        bool exact = dist[order[0]] == 0;
        double num = 0, den = 0;
        for (int t = 0; t < k; t++)
        {
            double dd = dist[order[t]];
            double w = exact ? (dd == 0 ? 1 : 0) : double.IsNaN(dd) ? 0 : 1 / dd;
            num += w * fit[order[t] * d + j];
            den += w;
        }
        return num / den;
    }

    private static bool Nearer(double a, double b) => !double.IsNaN(a) && (double.IsNaN(b) || a < b);

    /// <summary>scikit-learn's nan_euclidean distance of two rows (NaN when they share no present coordinate).</summary>
    public static double NanEuclidean(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        int present = 0;
        for (int j = 0; j < a.Length; j++)
        {
            double diff = a[j] - b[j];
            if (double.IsNaN(diff)) continue;
            s += diff * diff;
            present++;
        }
        return present == 0 ? double.NaN : Math.Sqrt(s * a.Length / present);
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["fit_x"] = FitX },
        new Dictionary<string, string>
        {
            ["neighbors"] = Options.Neighbors.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["weights"] = Options.Weights.ToString(),
            ["add_indicator"] = PreprocessingMath.Format(Options.AddIndicator),
            ["keep_empty_features"] = PreprocessingMath.Format(Options.KeepEmptyFeatures),
        });

    /// <inheritdoc />
    public static KNNImputerModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        if (!Enum.TryParse<NeighborWeights>(f.Option("weights"), out var w)) throw new InvalidDataException($"{Kind}: unknown weights \"{f.Option("weights")}\".");
        var options = new KNNImputer((int)f.Number("neighbors"), w, f.Flag("add_indicator"), f.Flag("keep_empty_features"));
        return new KNNImputerModel<T>(options, f.Tensor("fit_x", 2));
    }
}
