namespace Scratch.ML.Learn;

/// <summary>What an estimator is.</summary>
public enum EstimatorKind
{
    /// <summary>Learns a mapping from features to continuous targets (<c>Predict</c>).</summary>
    Regressor,
    /// <summary>Learns a mapping from features to class labels (<c>Predict</c>, often <c>PredictProba</c>).</summary>
    Classifier,
    /// <summary>Learns a feature transformation (<c>Transform</c>, maybe <c>InverseTransform</c>).</summary>
    Transformer,
    /// <summary>Learns what normal rows look like and flags the rest (<c>Predict</c> → +1 inlier / −1 outlier, <c>DecisionFunction</c>).</summary>
    OutlierDetector,
}

/// <summary>
/// The typed capabilities of an estimator (scikit-learn's estimator tags, as a record): what it is and what input it
/// accepts. The conformance suite derives its checks from them, so every claim here is tested.
/// </summary>
/// <param name="Kind">Regressor, classifier, transformer or outlier detector.</param>
/// <param name="Supervised">Whether <c>Fit</c> needs targets.</param>
/// <param name="SupportsSampleWeight">Whether <c>Fit</c> accepts per-sample weights.</param>
/// <param name="HandlesMissingValues">Whether NaN in the features is allowed (otherwise it is rejected with a clear error).</param>
/// <param name="Stochastic">Whether fitting draws random numbers (then it takes a seed, and the same seed gives the same model).</param>
/// <param name="MultiOutput">Whether targets may have several columns.</param>
/// <param name="RowOrderInvariant">Whether permuting the training rows leaves the fitted model unchanged (up to rounding).</param>
/// <param name="HasInverseTransform">For transformers: whether <c>InverseTransform</c> undoes <c>Transform</c>.</param>
/// <param name="RequiresNonNegativeInput">Whether features must be ≥ 0 (counts, frequencies); negative values are rejected.</param>
/// <param name="RequiresIntegerCodes">Whether features must be non-negative integer category codes.</param>
/// <param name="MinimumSamples">The fewest training rows <c>Fit</c> accepts (e.g. k for k-nearest neighbours).</param>
public sealed record EstimatorCapabilities(
    EstimatorKind Kind,
    bool Supervised,
    bool SupportsSampleWeight = false,
    bool HandlesMissingValues = false,
    bool Stochastic = false,
    bool MultiOutput = false,
    bool RowOrderInvariant = true,
    bool HasInverseTransform = false,
    bool RequiresNonNegativeInput = false,
    bool RequiresIntegerCodes = false,
    int MinimumSamples = 1);
