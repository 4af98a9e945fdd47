using System.Numerics;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Inspection;

/// <summary>
/// SHAP interaction values of n rows (Lundberg et al. 2018, section 4): for features i ≠ j
/// <code>Φ[i, j] = Σ_{S ⊆ N∖{i,j}} |S|! (d − |S| − 2)! / (2 (d − 1)!) · (v(S∪{i,j}) − v(S∪{i}) − v(S∪{j}) + v(S))</code>
/// split equally between Φ[i, j] and Φ[j, i], and the main effect Φ[i, i] = φ_i − Σ_{j≠i} Φ[i, j], so that each row
/// of the (d, d) matrix sums to the feature's SHAP value and the whole matrix to f(x) − E[f].
/// </summary>
public sealed record ShapInteractionValues
{
    /// <summary>Wraps explainer output; arrays are kept, not copied.</summary>
    /// <param name="values">Φ, row-major (n, d, d, outputs).</param>
    /// <param name="rows">n ≥ 0.</param>
    /// <param name="features">d ≥ 1.</param>
    /// <param name="expectedValue">E[f] per output.</param>
    /// <param name="featureNames">d names, or null for "x0", "x1", ….</param>
    /// <exception cref="ArgumentException">Lengths disagree with the shape.</exception>
    public ShapInteractionValues(double[] values, int rows, int features, double[] expectedValue, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(expectedValue);
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "ShapInteractionValues: rows must be ≥ 0.");
        if (features < 1) throw new ArgumentOutOfRangeException(nameof(features), features, "ShapInteractionValues: features must be ≥ 1.");
        if (expectedValue.Length < 1) throw new ArgumentException("ShapInteractionValues: expectedValue needs at least one output.", nameof(expectedValue));
        if (values.Length != (long)rows * features * features * expectedValue.Length)
            throw new ArgumentException($"ShapInteractionValues: values has {values.Length} entries, expected n·d·d·outputs = {rows}·{features}·{features}·{expectedValue.Length}.", nameof(values));
        if (featureNames is not null && featureNames.Count != features)
            throw new ArgumentException($"ShapInteractionValues: {featureNames.Count} feature names for {features} features.", nameof(featureNames));
        Values = values;
        Rows = rows;
        Features = features;
        ExpectedValue = expectedValue;
        FeatureNames = featureNames ?? ShapValues.DefaultNames(features);
    }

    /// <summary>Φ, row-major (n, d, d, outputs).</summary>
    public double[] Values { get; }

    /// <summary>Explained rows n.</summary>
    public int Rows { get; }

    /// <summary>Features d.</summary>
    public int Features { get; }

    /// <summary>Raw outputs.</summary>
    public int Outputs => ExpectedValue.Length;

    /// <summary>E[f] per output.</summary>
    public double[] ExpectedValue { get; }

    /// <summary>The d feature names.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Φ[row, i, j, output].</summary>
    public double this[int row, int i, int j, int output = 0] => Values[(((long)row * Features + i) * Features + j) * Outputs + output];
}

public static partial class TreeShap
{
    /// <summary>
    /// Exact SHAP interaction values of the rows of <paramref name="x"/> (n, d) for a tree ensemble, by the
    /// conditioned TreeSHAP of Lundberg et al.: for every feature j some tree splits on, TreeSHAP with j held "on"
    /// (x's branch only) and "off" (both branches by cover) gives Φ[j, k] = (φ_k^on − φ_k^off) / 2; the diagonal is
    /// φ minus the off-diagonal row sums. Cost: (2·(features used) + 1) TreeSHAP passes.
    /// </summary>
    /// <param name="ensemble">The trees.</param>
    /// <param name="x">Rows to explain (n, d); NaN allowed.</param>
    /// <param name="featureNames">Optional d names.</param>
    /// <param name="cancellationToken">Stops the computation between rows.</param>
    /// <returns>Φ of shape (n, d, d, outputs), symmetric in (i, j).</returns>
    /// <exception cref="ArgumentException">x is not 2-d with d columns, is empty, or holds ±∞.</exception>
    public static ShapInteractionValues Interactions<T>(TreeEnsemble ensemble, Tensor<T> x, IReadOnlyList<string>? featureNames = null,
        CancellationToken cancellationToken = default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        int d = ensemble.FeatureCount, outputs = ensemble.OutputCount, stride = d * outputs;
        var data = Float64.From(InputChecks.Features("TreeShap", x, d, allowNaN: true));
        int n = data.Length / d;
        var trees = TreeShapTree.Prepare(ensemble);
        int maxDepth = trees.Max(t => t.Depth);
        var used = new bool[d];
        foreach (var t in trees)
            for (int node = 0; node < t.Left.Length; node++)
                if (t.Left[node] != TreeStructure.NoChild) used[t.Feature[node]] = true;
        var result = new double[(long)n * d * stride];
        var po = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(0, n, po, i =>
        {
            var worker = new TreeShapWorker(maxDepth, outputs);
            var diag = new double[stride];
            var on = new double[stride];
            var off = new double[stride];
            foreach (var t in trees) worker.Add(t, data, i * d, diag, 0);
            long row = (long)i * d * stride;
            for (int j = 0; j < d; j++)
            {
                if (!used[j]) continue;
                Array.Clear(on);
                Array.Clear(off);
                foreach (var t in trees)
                {
                    worker.Add(t, data, i * d, on, 0, 1, j);
                    worker.Add(t, data, i * d, off, 0, -1, j);
                }
                for (int k = 0; k < stride; k++)
                {
                    double v = (on[k] - off[k]) / 2;
                    result[row + j * stride + k] = v;
                    diag[k] -= v;
                }
            }
            for (int j = 0; j < d; j++)
                for (int o = 0; o < outputs; o++) result[row + j * stride + j * outputs + o] = diag[j * outputs + o];
        });
        return new ShapInteractionValues(result, n, d, ExpectedValue(ensemble), featureNames);
    }

    /// <summary>SHAP interaction values for a fitted tree model; see <see cref="Interactions{T}(TreeEnsemble, Tensor{T}, IReadOnlyList{string}?, CancellationToken)"/>.</summary>
    public static ShapInteractionValues Interactions<T>(ITreeEnsembleModel model, Tensor<T> x, IReadOnlyList<string>? featureNames = null,
        CancellationToken cancellationToken = default) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return Interactions(model.Ensemble, x, featureNames, cancellationToken);
    }
}
