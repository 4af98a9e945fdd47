namespace Scratch.ML.Learn.Inspection;

/// <summary>
/// Shapley-value explanations of n rows, the result of every SHAP explainer (KernelSHAP for any model, TreeSHAP for
/// tree models) and the input of the SHAP plots. For row i and output o the values satisfy the efficiency property
/// <code>f_o(x_i) = ExpectedValue[o] + Σ_j Values[i, j, o]</code>
/// where f is the explained output (a prediction, a probability or a raw margin, as the explainer says).
/// </summary>
public sealed record ShapValues
{
    /// <summary>Wraps explainer output; arrays are kept, not copied.</summary>
    /// <param name="values">φ, row-major (n, d, outputs): φ[i, j, o] at <c>(i·d + j)·outputs + o</c>.</param>
    /// <param name="rows">n ≥ 0.</param>
    /// <param name="features">d ≥ 1.</param>
    /// <param name="expectedValue">E[f] per output (length ≥ 1 = outputs).</param>
    /// <param name="featureNames">d names, or null for "x0", "x1", ….</param>
    /// <exception cref="ArgumentException">Lengths disagree with the shape.</exception>
    public ShapValues(double[] values, int rows, int features, double[] expectedValue, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(expectedValue);
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows), rows, "ShapValues: rows must be ≥ 0.");
        if (features < 1) throw new ArgumentOutOfRangeException(nameof(features), features, "ShapValues: features must be ≥ 1.");
        if (expectedValue.Length < 1) throw new ArgumentException("ShapValues: expectedValue needs at least one output.", nameof(expectedValue));
        if (values.Length != (long)rows * features * expectedValue.Length)
            throw new ArgumentException($"ShapValues: values has {values.Length} entries, expected rows·features·outputs = {rows}·{features}·{expectedValue.Length}.", nameof(values));
        if (featureNames is not null && featureNames.Count != features)
            throw new ArgumentException($"ShapValues: {featureNames.Count} feature names for {features} features.", nameof(featureNames));
        Values = values;
        Rows = rows;
        Features = features;
        ExpectedValue = expectedValue;
        FeatureNames = featureNames ?? DefaultNames(features);
    }

    /// <summary>φ, row-major (n, d, outputs).</summary>
    public double[] Values { get; }

    /// <summary>Explained rows n.</summary>
    public int Rows { get; }

    /// <summary>Features d.</summary>
    public int Features { get; }

    /// <summary>Outputs (1 for a regressor or a single margin; C for per-class explanations).</summary>
    public int Outputs => ExpectedValue.Length;

    /// <summary>E[f] per output: the base value the attributions start from.</summary>
    public double[] ExpectedValue { get; }

    /// <summary>The d feature names.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>φ[row, feature, output].</summary>
    public double this[int row, int feature, int output = 0] => Values[((long)row * Features + feature) * Outputs + output];

    /// <summary>The (n, d) matrix of one output, row-major: what the SHAP plots take.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The output index is outside [0, Outputs).</exception>
    public double[] ForOutput(int output = 0)
    {
        if ((uint)output >= (uint)Outputs) throw new ArgumentOutOfRangeException(nameof(output), output, $"ShapValues: output must be in [0, {Outputs}).");
        var m = new double[(long)Rows * Features];
        for (long k = 0; k < m.Length; k++) m[k] = Values[k * Outputs + output];
        return m;
    }

    /// <summary>ExpectedValue[output] + Σ_j φ[row, j, output]: the explained model output the values add up to.</summary>
    public double Reconstruct(int row, int output = 0)
    {
        double s = ExpectedValue[output];
        for (int j = 0; j < Features; j++) s += this[row, j, output];
        return s;
    }

    /// <summary>Mean |φ| per feature for one output: (d), the global importance of a SHAP summary bar plot.</summary>
    public double[] MeanAbsolute(int output = 0)
    {
        var m = new double[Features];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Features; j++) m[j] += Math.Abs(this[i, j, output]);
        if (Rows > 0) for (int j = 0; j < Features; j++) m[j] /= Rows;
        return m;
    }

    /// <summary>"x0", "x1", … (scikit-learn's generated names).</summary>
    public static string[] DefaultNames(int features)
    {
        var names = new string[features];
        for (int j = 0; j < features; j++) names[j] = "x" + j.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return names;
    }
}
