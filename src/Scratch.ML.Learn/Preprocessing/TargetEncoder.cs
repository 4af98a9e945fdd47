using System.Numerics;
using Scratch.ML.Learn.ModelSelection;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>The kind of target a <see cref="TargetEncoder"/> encodes.</summary>
public enum TargetKind
{
    /// <summary>Binary when y holds at most two distinct values, all integers (scikit-learn's <c>type_of_target</c>); continuous when some value is not an integer; integer multiclass is rejected.</summary>
    Auto,
    /// <summary>A real-valued target; cross-fitting uses <see cref="KFold"/>.</summary>
    Continuous,
    /// <summary>Two classes (the smaller value is 0, the larger 1; a single class is coded 0); cross-fitting uses <see cref="StratifiedKFold"/>.</summary>
    Binary,
}

/// <summary>
/// Target (mean) encoding of categorical features with empirical-Bayes shrinkage, following scikit-learn 1.3's
/// <c>TargetEncoder</c>: each category c of feature j is replaced by a blend of its target mean and the global mean,
/// <c>enc(c) = λ_c · mean(y | c) + (1 − λ_c) · mean(y)</c>.
/// </summary>
/// <remarks>
/// <para>
/// Smoothing: with <see cref="Smooth"/> = m ≥ 0, <c>enc(c) = (Σ_{i∈c} yᵢ + m·ȳ) / (n_c + m)</c>. With null ("auto"),
/// <c>λ_c = n_c·σ² / (n_c·σ² + s_c²)</c>, σ² the (population) variance of y and s_c² the variance of y inside c;
/// a category never seen (or with λ undefined, 0/0) gets ȳ. Binary targets are coded 0/1 first, so the encoding is a
/// shrunk probability of the larger class.
/// </para>
/// <para>
/// Leakage and cross-fitting: encoding the training rows with encodings fitted on those same rows leaks the target
/// (a rare category's encoding is essentially its own y). <see cref="FitTransform{T}(Tensor{T}, Tensor{T})"/>
/// therefore splits the rows into <see cref="Cv"/> folds (<see cref="KFold"/> for continuous targets,
/// <see cref="StratifiedKFold"/> for binary ones, shuffled with <see cref="Seed"/> when <see cref="Shuffle"/>) and
/// encodes each fold with encodings (and ȳ) fitted on the other folds, so no training row sees its own target. The
/// returned model holds encodings fitted on all rows; use it with <c>Transform</c> on new data only. Consequently
/// <c>FitTransform(x, y).Encoded</c> differs from <c>Fit(x, y).Transform(x)</c> — by design. With Shuffle the folds
/// come from our <see cref="Scratch.ML.Rng.Generator"/>, not NumPy's, so they differ from scikit-learn's shuffled folds; without
/// shuffling they are identical.
/// </para>
/// <para>
/// Unknown categories at transform time (and NaN / null never seen in fit) are encoded as ȳ. With
/// <see cref="Smooth"/> = 0 a category absent from a training fold (0/0) also gets ȳ (scikit-learn's rule). In
/// <c>FitTransform</c> a training value outside given <see cref="Categories"/> gets the ȳ of its own fold's training
/// rows (scikit-learn overwrites all such rows with the last fold's ȳ, an artefact of its loop).
/// </para>
/// </remarks>
/// <param name="Categories">Given categories per column, or null to learn them (sorted).</param>
/// <param name="Target">Auto, Continuous or Binary.</param>
/// <param name="Smooth">Null for "auto" (empirical Bayes), or the fixed prior weight m ≥ 0.</param>
/// <param name="Cv">Number of cross-fitting folds (≥ 2).</param>
/// <param name="Shuffle">Shuffle the rows before cutting folds (scikit-learn's default true).</param>
/// <param name="Seed">Seed of the shuffle.</param>
public sealed record TargetEncoder(
    IReadOnlyList<CategoricalColumn>? Categories = null,
    TargetKind Target = TargetKind.Auto,
    double? Smooth = null,
    int Cv = 5,
    bool Shuffle = true,
    ulong Seed = 0) : ISupervisedTransformer
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = Validate(Target, Smooth, Cv);

    private static EstimatorCapabilities Validate(TargetKind target, double? smooth, int cv)
    {
        if (!Enum.IsDefined(target)) throw new ArgumentOutOfRangeException(nameof(Target), target, "TargetEncoder: Target must be Auto, Continuous or Binary.");
        if (smooth is double m && !(m >= 0 && double.IsFinite(m))) throw new ArgumentOutOfRangeException(nameof(Smooth), m, "TargetEncoder: Smooth must be null (auto) or a finite number ≥ 0.");
        if (cv < 2) throw new ArgumentOutOfRangeException(nameof(Cv), cv, "TargetEncoder: Cv must be ≥ 2.");
        return new(EstimatorKind.Transformer, Supervised: true, HandlesMissingValues: true);
    }

    /// <summary>Fits encodings on all rows of x: (n, d) with target y: (n). Do not transform the same x with it (see remarks).</summary>
    /// <exception cref="ArgumentException">Bad shapes, ±∞, NaN in y, or a target of the wrong kind.</exception>
    public TargetEncoderModel<T> Fit<T>(Tensor<T> x, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T> => Fit(CategoricalTable.FromTensor(x, nameof(TargetEncoder)), y);

    ITransformModel<T> ISupervisedTransformer.Fit<T>(Tensor<T> x, Tensor<T> y) => Fit(x, y);

    /// <summary>Fits encodings on all rows of a (text or numeric) table with target y: (n).</summary>
    /// <exception cref="ArgumentException">As for the tensor overload.</exception>
    public TargetEncoderModel<T> Fit<T>(CategoricalTable x, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (indices, codes, yv, kind, classes) = Prepare(x, y);
        var all = Enumerable.Range(0, x.RowCount).ToArray();
        var (enc, mean) = Encodings(indices, codes, yv, all);
        return new TargetEncoderModel<T>(this, indices, kind, classes, enc, mean);
    }

    /// <summary>
    /// Cross-fitted encoding of the training rows (each fold encoded by encodings fitted on the other folds) plus the
    /// model fitted on all rows, for new data.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Fit{T}(Tensor{T}, Tensor{T})"/>, or too few rows (per class) for Cv folds.</exception>
    public (TargetEncoderModel<T> Model, Tensor<T> Encoded) FitTransform<T>(Tensor<T> x, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
        => FitTransform(CategoricalTable.FromTensor(x, nameof(TargetEncoder)), y);

    /// <summary>As the tensor overload, for a (text or numeric) table.</summary>
    public (TargetEncoderModel<T> Model, Tensor<T> Encoded) FitTransform<T>(CategoricalTable x, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (indices, codes, yv, kind, classes) = Prepare(x, y);
        int n = x.RowCount, d = indices.Length;
        ISplitter splitter = kind == TargetKind.Binary ? new StratifiedKFold(Cv, Shuffle, Seed) : new KFold(Cv, Shuffle, Seed);
        var labels = kind == TargetKind.Binary ? Array.ConvertAll(yv, v => (int)v) : null;
        var z = new T[n * d];
        foreach (var (train, test) in splitter.Split(n, labels))
        {
            var (enc, mean) = Encodings(indices, codes, yv, train);
            foreach (int i in test)
                for (int j = 0; j < d; j++)
                {
                    int c = codes[j][i];
                    z[i * d + j] = T.CreateTruncating(c < 0 ? mean : enc[j][c]);
                }
        }
        var all = Enumerable.Range(0, n).ToArray();
        var (fullEnc, fullMean) = Encodings(indices, codes, yv, all);
        return (new TargetEncoderModel<T>(this, indices, kind, classes, fullEnc, fullMean), Tensor.FromArray(z, n, d));
    }

    private (CategoryIndex[] Indices, int[][] Codes, double[] Y, TargetKind Kind, double[] Classes) Prepare<T>(CategoricalTable x, Tensor<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var (ys, _) = InputChecks.Targets(nameof(TargetEncoder), y, x.RowCount, multiOutput: false);
        var yv = PreprocessingMath.Column<T>(ys.AsSpan(), x.RowCount, 1, 0);
        var distinct = yv.Distinct().Order().ToArray();
        bool integral = yv.All(v => v == Math.Floor(v));
        var kind = Target;
        if (kind == TargetKind.Auto)
        {
            if (integral && distinct.Length > 2)
                throw new ArgumentException($"TargetEncoder: y looks multiclass ({distinct.Length} distinct integer values); only continuous and binary targets are supported (set Target = Continuous to treat it as a number).", nameof(y));
            kind = integral ? TargetKind.Binary : TargetKind.Continuous;   // type_of_target: ≤ 2 integer values are binary
        }
        double[] classes = [];
        if (kind == TargetKind.Binary)
        {
            if (distinct.Length > 2) throw new ArgumentException($"TargetEncoder: a binary target needs at most 2 distinct values, y has {distinct.Length}.", nameof(y));
            classes = distinct;
            yv = Array.ConvertAll(yv, v => distinct.Length == 2 && v == distinct[1] ? 1.0 : 0.0);   // LabelEncoder codes
        }
        var (indices, _) = CategoryIndex.Fit(nameof(TargetEncoder), x, Categories, unknownIsError: false);
        var codes = new int[indices.Length][];
        for (int j = 0; j < codes.Length; j++)
        {
            codes[j] = new int[x.RowCount];
            for (int i = 0; i < x.RowCount; i++) codes[j][i] = indices[j].IndexOf(x[j], i);
        }
        return (indices, codes, yv, kind, classes);
    }

    /// <summary>The encodings of every category fitted on the given rows, and their target mean.</summary>
    private (double[][] Encodings, double Mean) Encodings(CategoryIndex[] indices, int[][] codes, double[] y, int[] rows)
    {
        double mean = 0;
        foreach (int i in rows) mean += y[i];
        mean /= rows.Length;
        double variance = 0;
        foreach (int i in rows) variance += (y[i] - mean) * (y[i] - mean);
        variance /= rows.Length;
        var result = new double[indices.Length][];
        for (int j = 0; j < indices.Length; j++)
        {
            int k = indices[j].Count;
            var sums = new double[k];
            var counts = new double[k];
            foreach (int i in rows)
            {
                int c = codes[j][i];
                if (c < 0) continue;
                sums[c] += y[i];
                counts[c]++;
            }
            var enc = new double[k];
            if (Smooth is double m)
            {
                for (int c = 0; c < k; c++) enc[c] = counts[c] + m == 0 ? mean : (sums[c] + m * mean) / (counts[c] + m);
            }
            else
            {
                var means = new double[k];
                for (int c = 0; c < k; c++) means[c] = sums[c] / counts[c];
                var squares = new double[k];
                foreach (int i in rows)
                {
                    int c = codes[j][i];
                    if (c < 0) continue;
                    double diff = y[i] - means[c];
                    squares[c] += diff * diff;
                }
                for (int c = 0; c < k; c++)
                {
                    double lambda = variance * counts[c] / (variance * counts[c] + squares[c] / counts[c]);
                    enc[c] = double.IsNaN(lambda) ? mean : lambda * means[c] + (1 - lambda) * mean;
                }
            }
            result[j] = enc;
        }
        return (result, mean);
    }
}
