namespace Scratch.ML.Learn.Inspection;

/// <summary>Which curves partial dependence returns.</summary>
public enum PartialDependenceKind
{
    /// <summary>The partial dependence: predictions averaged over the rows of x at each grid point.</summary>
    Average,
    /// <summary>The individual conditional expectation (ICE) lines: one prediction per row and grid point.</summary>
    Individual,
    /// <summary>Both.</summary>
    Both,
}

/// <summary>How partial dependence is computed.</summary>
public enum PartialDependenceMethod
{
    /// <summary>Recursion for tree models (regressors, and classifiers whose trees add up to a margin) when only the average is asked; brute force otherwise (scikit-learn's rule).</summary>
    Auto,
    /// <summary>Predict on every row of x with the target features set to each grid point and average.</summary>
    Brute,
    /// <summary>Walk each tree once per grid point, splitting weight by training cover at splits on other features (trees only, average only, raw output).</summary>
    Recursion,
}

/// <summary>What a classifier's partial dependence averages.</summary>
public enum ResponseMethod
{
    /// <summary>Probabilities when the model has them, else the decision function; the raw margin for recursion.</summary>
    Auto,
    /// <summary>Class probabilities (binary: the positive class only).</summary>
    PredictProba,
    /// <summary>The decision function / raw margin (linear classifiers, tree ensembles).</summary>
    DecisionFunction,
}

/// <summary>Options of <see cref="PartialDependence"/> (scikit-learn's <c>partial_dependence</c> arguments).</summary>
public sealed record PartialDependenceOptions
{
    /// <summary>Points per numeric axis (&gt; 1); a feature with fewer unique values uses them instead. Default 100.</summary>
    public int GridResolution { get; init; } = 100;

    /// <summary>Percentiles bounding a numeric axis, 0 ≤ lower &lt; upper ≤ 1. Default (0.05, 0.95).</summary>
    public (double Lower, double Upper) Percentiles { get; init; } = (0.05, 0.95);

    /// <summary>Average, individual (ICE) or both. Default average.</summary>
    public PartialDependenceKind Kind { get; init; } = PartialDependenceKind.Average;

    /// <summary>Brute force, recursion or automatic. Default automatic.</summary>
    public PartialDependenceMethod Method { get; init; } = PartialDependenceMethod.Auto;

    /// <summary>What a classifier's curves average. Default automatic.</summary>
    public ResponseMethod ResponseMethod { get; init; } = ResponseMethod.Auto;

    /// <summary>Indices (among all d features) of categorical features: their axis is their unique values. Default none.</summary>
    public IReadOnlyList<int>? CategoricalFeatures { get; init; }
}

/// <summary>
/// Partial dependence of 1 or 2 target features. With G = Π grid lengths and grid points ordered with the first
/// feature's index slowest (NumPy's <c>cartesian</c>), <see cref="Average"/> is (outputs, G) row-major and
/// <see cref="Individual"/> is (outputs, n, G) row-major — scikit-learn's <c>average</c> and <c>individual</c> arrays
/// flattened over the grid axes.
/// </summary>
/// <param name="Features">The target feature indices (1 or 2).</param>
/// <param name="GridValues">Per target feature, its axis values.</param>
/// <param name="Outputs">Outputs: 1 for a regressor, a binary classifier or a single margin; C classes otherwise; k for a multi-output regressor.</param>
/// <param name="Samples">Rows n of x.</param>
/// <param name="Average">The averaged predictions (outputs, G), or null when only individual lines were asked.</param>
/// <param name="Individual">The ICE lines (outputs, n, G), or null when only the average was asked.</param>
public sealed record PartialDependenceResult(int[] Features, IReadOnlyList<double[]> GridValues, int Outputs, int Samples, double[]? Average, double[]? Individual)
{
    /// <summary>G: the number of grid points.</summary>
    public int GridSize
    {
        get
        {
            int g = 1;
            foreach (var a in GridValues) g *= a.Length;
            return g;
        }
    }

    /// <summary>The averaged prediction of <paramref name="output"/> at grid point (i[, j]).</summary>
    /// <exception cref="InvalidOperationException">The average was not computed.</exception>
    public double AverageAt(int output, int i, int j = 0)
        => (Average ?? throw new InvalidOperationException("PartialDependence: the average was not computed (Kind = Individual)."))[output * GridSize + Point(i, j)];

    /// <summary>The ICE value of <paramref name="output"/> for row <paramref name="sample"/> at grid point (i[, j]).</summary>
    /// <exception cref="InvalidOperationException">The individual lines were not computed.</exception>
    public double IndividualAt(int output, int sample, int i, int j = 0)
        => (Individual ?? throw new InvalidOperationException("PartialDependence: the individual lines were not computed (Kind = Average)."))[((long)output * Samples + sample) * GridSize + Point(i, j)];

    private int Point(int i, int j) => GridValues.Count == 1 ? i : i * GridValues[1].Length + j;
}
