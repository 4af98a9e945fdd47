using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>How <see cref="KBinsDiscretizer"/> places the bin edges of a column.</summary>
public enum BinStrategy
{
    /// <summary>Equal widths: <c>edges = linspace(min, max, nBins + 1)</c>.</summary>
    Uniform,
    /// <summary>Equal counts: <c>edges = percentile(column, linspace(0, 100, nBins + 1))</c> (NumPy 'linear'), then edges closer than 1e-8 to their predecessor are dropped.</summary>
    Quantile,
    /// <summary>1-d k-means (Lloyd, started from the uniform bin centres): edges are the midpoints of the sorted centres, plus min and max; coinciding edges are dropped as for Quantile.</summary>
    KMeans,
}

/// <summary>The output of <see cref="KBinsDiscretizer"/>.</summary>
public enum BinEncoding
{
    /// <summary>The bin index of each feature: (n, d).</summary>
    Ordinal,
    /// <summary>Dense one-hot blocks, feature j taking k_j columns in order: (n, Σ k_j) of 0/1.</summary>
    OneHotDense,
}

/// <summary>
/// Bins continuous features into intervals, as scikit-learn 1.2's <c>KBinsDiscretizer</c> with <c>encode='ordinal'</c> or
/// <c>'onehot-dense'</c> (<see cref="Encoding"/>; sparse output is not provided). For each column j, the edges
/// e₀ &lt; … &lt; e_k are learnt by <see cref="Strategy"/>; a value x goes to bin
/// <c>searchsorted(e₁ … e_{k−1}, x, side='right')</c>, i.e. the number of inner edges ≤ x, so the result is an integer in
/// [0, k − 1] (values outside the training range go to the first or last bin). A constant column gets the single bin
/// (−∞, ∞) and always maps to 0. With the quantile strategy, repeated values can make edges coincide: an edge whose
/// difference to its predecessor is not above 1e-8 is removed (as scikit-learn, which warns), so that column has fewer bins.
/// The training data is not subsampled (scikit-learn 1.2's default for 'quantile').
/// </summary>
/// <param name="NBins">The number of bins per feature, ≥ 2 (default 5).</param>
/// <param name="Strategy">Where the edges go (default <see cref="BinStrategy.Quantile"/>).</param>
/// <param name="Encoding">Ordinal indices (default) or dense one-hot blocks.</param>
public sealed record KBinsDiscretizer(int NBins = 5, BinStrategy Strategy = BinStrategy.Quantile, BinEncoding Encoding = BinEncoding.Ordinal) : ITransformer
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(NBins, Strategy, Encoding);

    private static EstimatorCapabilities ValidateAndDescribe(int nBins, BinStrategy strategy, BinEncoding encoding)
    {
        if (nBins < 2) throw new ArgumentOutOfRangeException(nameof(NBins), nBins, $"KBinsDiscretizer: NBins must be at least 2, got {nBins}.");
        if (!Enum.IsDefined(strategy)) throw new ArgumentOutOfRangeException(nameof(Strategy), strategy, $"KBinsDiscretizer: Strategy must be Uniform, Quantile or KMeans, got {(int)strategy}.");
        if (!Enum.IsDefined(encoding)) throw new ArgumentOutOfRangeException(nameof(Encoding), encoding, $"KBinsDiscretizer: Encoding must be Ordinal or OneHotDense, got {(int)encoding}.");
        // Binning is lossy: InverseTransform maps to bin centres, it does not undo Transform.
        return new(EstimatorKind.Transformer, Supervised: false);
    }

    /// <summary>Learns the bin edges of every column of x: (n, d).</summary>
    /// <exception cref="ArgumentException">x is not an (n, d) matrix with n, d ≥ 1, or holds NaN or ±∞.</exception>
    public KBinsDiscretizerModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(nameof(KBinsDiscretizer), x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var edges = new Tensor<T>[d];
        for (int j = 0; j < d; j++)
        {
            var col = PreprocessingMath.Column<T>(xs.AsSpan(), n, d, j);
            Array.Sort(col);
            double lo = col[0], hi = col[^1];
            if (lo == hi) { edges[j] = PreprocessingMath.ToTensor<T>([double.NegativeInfinity, double.PositiveInfinity]); continue; }
            var e = new double[NBins + 1];
            if (Strategy == BinStrategy.Uniform)
            {
                double step = (hi - lo) / NBins;   // NumPy's linspace: i·step + start, the last point set to stop
                for (int i = 0; i < NBins; i++) e[i] = i * step + lo;
                e[NBins] = hi;
                edges[j] = PreprocessingMath.ToTensor<T>(e);
            }
            else if (Strategy == BinStrategy.KMeans)
            {
                var centres = KMeans1D(PreprocessingMath.Column<T>(xs.AsSpan(), n, d, j), lo, hi, NBins);
                var kept = new List<double> { lo };
                for (int i = 1; i <= NBins; i++)
                {
                    double edge = i == NBins ? hi : (centres[i] + centres[i - 1]) * 0.5;
                    if (edge - kept[^1] > 1e-8) kept.Add(edge);
                }
                edges[j] = PreprocessingMath.ToTensor<T>([.. kept]);
            }
            else
            {
                double step = 100.0 / NBins;
                for (int i = 0; i < NBins; i++) e[i] = PreprocessingMath.Percentile(col, i * step);
                e[NBins] = PreprocessingMath.Percentile(col, 100);
                var kept = new List<double> { e[0] };   // np.ediff1d(e, to_begin=inf) > 1e-8
                for (int i = 1; i <= NBins; i++) if (e[i] - e[i - 1] > 1e-8) kept.Add(e[i]);
                edges[j] = PreprocessingMath.ToTensor<T>([.. kept]);
            }
        }
        return new KBinsDiscretizerModel<T>(this, edges);
    }

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);

    /// <summary>
    /// scikit-learn's KMeans (Lloyd, n_init = 1) on one column, started from the uniform bin centres: assign each value to
    /// the nearest centre, move centres to their means, an empty cluster takes the point farthest from its centre; stop when the labels repeat or the squared centre shift is
    /// ≤ 1e-4·var(column) (at most 300 rounds). Works on the centred column as scikit-learn. Returns the sorted centres.
    /// </summary>
    private static double[] KMeans1D(double[] col, double lo, double hi, int k)
    {
        int n = col.Length;
        double mean = 0;
        foreach (double v in col) mean += v;
        mean /= n;
        double var = 0;
        foreach (double v in col) var += (v - mean) * (v - mean);
        double tol = var / n * 1e-4;
        var xc = Array.ConvertAll(col, v => v - mean);
        var c = new double[k];
        double step = (hi - lo) / k;
        for (int i = 0; i < k; i++) c[i] = ((i * step + lo) + (i + 1 == k ? hi : (i + 1) * step + lo)) * 0.5 - mean;
        var labels = new int[n];
        var old = Enumerable.Repeat(-1, n).ToArray();
        for (int it = 0; it < 300; it++)
        {
            for (int i = 0; i < n; i++)
            {
                int best = 0;
                for (int m = 1; m < k; m++) if ((xc[i] - c[m]) * (xc[i] - c[m]) < (xc[i] - c[best]) * (xc[i] - c[best])) best = m;
                labels[i] = best;
            }
            var sum = new double[k];
            var cnt = new double[k];
            for (int i = 0; i < n; i++) { sum[labels[i]] += xc[i]; cnt[labels[i]] += 1; }
            // scikit-learn's empty-cluster relocation: each empty cluster takes the next point farthest from its centre.
            var empty = Enumerable.Range(0, k).Where(m => cnt[m] == 0).ToArray();
            if (empty.Length > 0)
            {
                var far = Enumerable.Range(0, n).OrderByDescending(i => (xc[i] - c[labels[i]]) * (xc[i] - c[labels[i]])).Take(empty.Length).ToArray();
                for (int e = 0; e < empty.Length; e++)
                {
                    int src = labels[far[e]];
                    sum[src] -= xc[far[e]];
                    cnt[src] -= 1;
                    sum[empty[e]] = xc[far[e]];
                    cnt[empty[e]] = 1;
                }
            }
            double shift = 0;
            for (int m = 0; m < k; m++)
            {
                double nc = cnt[m] > 0 ? sum[m] / cnt[m] : c[m];
                shift += (nc - c[m]) * (nc - c[m]);
                c[m] = nc;
            }
            if (labels.AsSpan().SequenceEqual(old) || shift <= tol) break;
            Array.Copy(labels, old, n);
        }
        for (int m = 0; m < k; m++) c[m] += mean;
        Array.Sort(c);
        return c;
    }
}

/// <summary>A fitted <see cref="KBinsDiscretizer"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class KBinsDiscretizerModel<T> : ITransformModel<T>, ILoadableModel<KBinsDiscretizerModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "KBinsDiscretizer";
    private readonly Tensor<T>[] edges;

    internal KBinsDiscretizerModel(KBinsDiscretizer options, Tensor<T>[] edges)
    {
        Options = options;
        this.edges = edges;
    }

    /// <summary>The options it was fitted with.</summary>
    public KBinsDiscretizer Options { get; }

    /// <summary>The bin edges of each feature: d tensors, feature j of shape (k_j + 1), increasing; (−∞, ∞) for a constant column.</summary>
    public IReadOnlyList<Tensor<T>> BinEdges => edges;

    /// <summary>The number of bins k_j of each feature (d values; below NBins where quantile edges coincided, 1 for a constant column).</summary>
    public int[] BinCounts => Array.ConvertAll(edges, e => e.Shape[0] - 1);

    /// <inheritdoc />
    public int FeatureCount => edges.Length;

    /// <summary>The bin index of every element of x: (n, d) → (n, d), integers in [0, k_j − 1] stored as T; with one-hot encoding (n, Σ k_j) of 0/1.</summary>
    /// <exception cref="ArgumentException">x is not (n, FeatureCount) or holds NaN or ±∞.</exception>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(KBinsDiscretizerModel<T>), x, FeatureCount);
        int n = xs.Shape[0], d = xs.Shape[1];
        var src = xs.AsSpan();
        var result = new T[n * d];
        for (int j = 0; j < d; j++)
        {
            var e = edges[j].Contiguous().AsSpan();
            for (int i = 0; i < n; i++)
            {
                T v = src[i * d + j];
                int bin = 0;   // inner edges e[1 .. k−1] that are ≤ v (searchsorted side='right')
                while (bin + 1 < e.Length - 1 && e[bin + 1] <= v) bin++;
                result[i * d + j] = T.CreateTruncating(bin);
            }
        }
        return Options.Encoding == BinEncoding.Ordinal ? Tensor.FromArray(result, n, d) : OneHot(result, n, d);
    }

    private Tensor<T> OneHot(T[] ordinal, int n, int d)
    {
        var counts = BinCounts;
        int width = counts.Sum();
        var result = new T[n * width];
        for (int i = 0; i < n; i++)
            for (int j = 0, offset = 0; j < d; offset += counts[j], j++)
                result[i * width + offset + int.CreateTruncating(ordinal[i * d + j])] = T.One;
        return Tensor.FromArray(result, n, width);
    }

    /// <summary>One-hot blocks (n, Σ k_j) back to bin indices (n, d); each block must hold a single 1 and zeros.</summary>
    private Tensor<T> FromOneHot(Tensor<T> x)
    {
        var counts = BinCounts;
        int width = counts.Sum(), d = counts.Length;
        var xs = InputChecks.Features(nameof(KBinsDiscretizerModel<T>), x, width);
        int n = xs.Shape[0];
        var src = xs.AsSpan();
        var result = new T[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0, offset = 0; j < d; offset += counts[j], j++)
            {
                int hot = -1, ones = 0;
                for (int b = 0; b < counts[j]; b++)
                {
                    T v = src[i * width + offset + b];
                    if (v == T.One) { hot = b; ones++; }
                    else if (v != T.Zero) ones = 2;
                }
                if (ones != 1) throw new ArgumentException($"{Kind}: InverseTransform needs one-hot blocks (a single 1, else 0); the block of feature {j} in row {i} is not one.", nameof(x));
                result[i * d + j] = T.CreateTruncating(hot);
            }
        return Tensor.FromArray(result, n, d);
    }

    /// <summary>
    /// Maps bin indices back to bin centres <c>(e_b + e_{b+1}) / 2</c>: (n, d) → (n, d). This is not an inverse (binning
    /// loses information); a constant column's centre is (−∞ + ∞)/2 = NaN, as in scikit-learn.
    /// </summary>
    /// <remarks>With one-hot encoding x is (n, Σ k_j) and each block must hold a single 1.</remarks>
    /// <exception cref="ArgumentException">x has the wrong shape, an element is not an integer in [0, k_j − 1], or a one-hot block is malformed.</exception>
    public Tensor<T> InverseTransform(Tensor<T> x)
    {
        var xs = Options.Encoding == BinEncoding.Ordinal ? InputChecks.Features(nameof(KBinsDiscretizerModel<T>), x, FeatureCount) : FromOneHot(x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var src = xs.AsSpan();
        var result = new T[n * d];
        for (int j = 0; j < d; j++)
        {
            var e = edges[j].Contiguous().AsSpan();
            for (int i = 0; i < n; i++)
            {
                T v = src[i * d + j];
                if (!T.IsInteger(v) || v < T.Zero || v > T.CreateTruncating(e.Length - 2))
                    throw new ArgumentException($"{Kind}: InverseTransform needs bin indices in [0, {e.Length - 2}] in column {j}, got {v} at row {i}.", nameof(x));
                int b = int.CreateTruncating(v);
                result[i * d + j] = (e[b + 1] + e[b]) * T.CreateTruncating(0.5);
            }
        }
        return Tensor.FromArray(result, n, d);
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var tensors = new Dictionary<string, Tensor<T>>();
        for (int j = 0; j < edges.Length; j++) tensors[$"edges_{j}"] = edges[j];
        ModelFile.Write(stream, Kind, tensors, new Dictionary<string, string>
        {
            ["n_bins"] = Options.NBins.ToString(CultureInfo.InvariantCulture),
            ["strategy"] = Options.Strategy.ToString(),
            ["encoding"] = Options.Encoding.ToString(),
            ["n_features"] = edges.Length.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <inheritdoc />
    public static KBinsDiscretizerModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        int d = int.Parse(f.Option("n_features"), CultureInfo.InvariantCulture);
        if (d < 1) throw new InvalidDataException($"{Kind}: n_features must be at least 1, got {d}.");
        var edges = new Tensor<T>[d];
        for (int j = 0; j < d; j++)
        {
            edges[j] = f.Tensor($"edges_{j}", 1);
            if (edges[j].Shape[0] < 2) throw new InvalidDataException($"{Kind}: edges_{j} needs at least 2 values, got {edges[j].Shape[0]}.");
        }
        var options = new KBinsDiscretizer((int)f.Number("n_bins"), Enum.Parse<BinStrategy>(f.Option("strategy")), Enum.Parse<BinEncoding>(f.Option("encoding")));
        return new KBinsDiscretizerModel<T>(options, edges);
    }
}
