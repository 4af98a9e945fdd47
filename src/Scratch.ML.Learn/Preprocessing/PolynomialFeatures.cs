using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>
/// Generates polynomial and interaction features, as scikit-learn's <c>PolynomialFeatures</c>: every monomial
/// <c>x_{i1}·x_{i2}·…·x_{ik}</c> with i1 ≤ i2 ≤ … ≤ ik (strictly increasing when <see cref="InteractionOnly"/>) and
/// <see cref="MinDegree"/> ≤ k ≤ <see cref="Degree"/>, plus the constant column 1 first when
/// <see cref="IncludeBias"/>. Columns are in scikit-learn's order: by degree, then lexicographically by index
/// tuple (<c>itertools.combinations_with_replacement</c>). For d inputs and degree p there are C(d + p, p) outputs
/// with the bias.
/// </summary>
/// <param name="Degree">The largest total degree (≥ 0; default 2).</param>
/// <param name="InteractionOnly">Only products of distinct features (no x², x³, …).</param>
/// <param name="IncludeBias">Prepend the column of ones (degree 0).</param>
/// <param name="MinDegree">The smallest non-zero degree generated (0 ≤ MinDegree ≤ Degree; scikit-learn's tuple <c>degree=(min, max)</c>).</param>
public sealed record PolynomialFeatures(int Degree = 2, bool InteractionOnly = false, bool IncludeBias = true, int MinDegree = 0) : ITransformer
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = ValidateAndDescribe(Degree, IncludeBias, MinDegree);

    private static EstimatorCapabilities ValidateAndDescribe(int degree, bool includeBias, int minDegree)
    {
        if (degree < 0) throw new ArgumentOutOfRangeException(nameof(Degree), degree, "PolynomialFeatures: Degree must be ≥ 0.");
        if (minDegree < 0 || minDegree > degree)
            throw new ArgumentOutOfRangeException(nameof(MinDegree), minDegree, $"PolynomialFeatures: MinDegree must be in [0, Degree = {degree}].");
        if (degree == 0 && !includeBias)
            throw new ArgumentException("PolynomialFeatures: Degree 0 without the bias would produce no output columns.", nameof(Degree));
        return new(EstimatorKind.Transformer, Supervised: false);
    }

    /// <summary>Records the feature count of x: (n, d) and enumerates the output monomials.</summary>
    /// <exception cref="ArgumentException">x is not a finite (n, d) matrix with n, d ≥ 1, or the options leave no output column for d features.</exception>
    public PolynomialFeaturesModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => new(this, InputChecks.Features(nameof(PolynomialFeatures), x).Shape[1]);

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);

    /// <summary>The index tuples of the output columns for d input features, in scikit-learn's order.</summary>
    internal List<int[]> Combinations(int d)
    {
        var result = new List<int[]>();
        if (IncludeBias) result.Add([]);
        for (int k = Math.Max(1, MinDegree); k <= Degree; k++)
        {
            var idx = new int[k];
            if (InteractionOnly) { if (k > d) break; for (int t = 0; t < k; t++) idx[t] = t; }
            while (true)
            {
                result.Add((int[])idx.Clone());
                // Advance like itertools: rightmost position that can still grow.
                int p = k - 1;
                while (p >= 0 && idx[p] == (InteractionOnly ? d - k + p : d - 1)) p--;
                if (p < 0) break;
                idx[p]++;
                for (int t = p + 1; t < k; t++) idx[t] = InteractionOnly ? idx[t - 1] + 1 : idx[p];
            }
        }
        return result;
    }
}

/// <summary>A fitted <see cref="PolynomialFeatures"/>: the input feature count and the output monomials.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class PolynomialFeaturesModel<T> : ITransformModel<T>, ILoadableModel<PolynomialFeaturesModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "PolynomialFeatures";
    private readonly List<int[]> combinations;

    internal PolynomialFeaturesModel(PolynomialFeatures options, int featureCount)
    {
        Options = options;
        FeatureCount = featureCount;
        combinations = options.Combinations(featureCount);
        if (combinations.Count == 0)
            throw new ArgumentException($"PolynomialFeatures: {options} gives no output column for {featureCount} feature(s).", "x");
    }

    /// <summary>The options it was fitted with.</summary>
    public PolynomialFeatures Options { get; }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>The number of output columns d′.</summary>
    public int OutputCount => combinations.Count;

    /// <summary>The exponents: (d′, d), row k giving the power of each input in output column k (scikit-learn's <c>powers_</c>).</summary>
    public int[,] Powers
    {
        get
        {
            var p = new int[OutputCount, FeatureCount];
            for (int k = 0; k < OutputCount; k++)
                foreach (int i in combinations[k]) p[k, i]++;
            return p;
        }
    }

    /// <summary>
    /// The output column names as scikit-learn's <c>get_feature_names_out</c>: "1" for the bias, otherwise the
    /// factors joined by spaces with powers as "name^p" (e.g. "x0^2 x1").
    /// </summary>
    /// <param name="inputNames">The d input names; null means x0, x1, ….</param>
    /// <exception cref="ArgumentException">inputNames does not have d entries.</exception>
    public string[] FeatureNames(IReadOnlyList<string>? inputNames = null)
    {
        if (inputNames is not null && inputNames.Count != FeatureCount)
            throw new ArgumentException($"PolynomialFeatures: {inputNames.Count} input names given for {FeatureCount} features.", nameof(inputNames));
        var powers = Powers;
        var names = new string[OutputCount];
        for (int k = 0; k < OutputCount; k++)
        {
            var parts = new List<string>();
            for (int i = 0; i < FeatureCount; i++)
            {
                if (powers[k, i] == 0) continue;
                string name = inputNames?[i] ?? "x" + i.ToString(CultureInfo.InvariantCulture);
                parts.Add(powers[k, i] == 1 ? name : $"{name}^{powers[k, i].ToString(CultureInfo.InvariantCulture)}");
            }
            names[k] = parts.Count == 0 ? "1" : string.Join(" ", parts);
        }
        return names;
    }

    /// <summary>The monomials of x: (n, d) → (n, d′); each product is formed right to left as scikit-learn does.</summary>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(PolynomialFeaturesModel<T>), x, FeatureCount);
        int n = xs.Shape[0], d = FeatureCount, m = OutputCount;
        var src = xs.AsSpan();
        var z = new T[n * m];
        for (int r = 0; r < n; r++)
            for (int k = 0; k < m; k++)
            {
                var c = combinations[k];
                T p = T.One;
                if (c.Length > 0)
                {
                    p = src[r * d + c[^1]];
                    for (int t = c.Length - 2; t >= 0; t--) p = src[r * d + c[t]] * p;
                }
                z[r * m + k] = p;
            }
        return Tensor.FromArray(z, n, m);
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind, new Dictionary<string, Tensor<T>>(),
        new Dictionary<string, string>
        {
            ["degree"] = Options.Degree.ToString(CultureInfo.InvariantCulture),
            ["min_degree"] = Options.MinDegree.ToString(CultureInfo.InvariantCulture),
            ["interaction_only"] = PreprocessingMath.Format(Options.InteractionOnly),
            ["include_bias"] = PreprocessingMath.Format(Options.IncludeBias),
            ["n_features_in"] = FeatureCount.ToString(CultureInfo.InvariantCulture),
        });

    /// <inheritdoc />
    public static PolynomialFeaturesModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        int d = (int)f.Number("n_features_in");
        if (d < 1) throw new InvalidDataException($"{Kind}: n_features_in must be ≥ 1, got {d}.");
        var options = new PolynomialFeatures((int)f.Number("degree"), f.Flag("interaction_only"), f.Flag("include_bias"), (int)f.Number("min_degree"));
        return new PolynomialFeaturesModel<T>(options, d);
    }
}
