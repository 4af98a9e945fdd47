using System.Numerics;

namespace Scratch.ML.Learn;

/// <summary>
/// An unsupervised estimator that learns the region where the training rows live and flags rows outside it
/// (scikit-learn's outlier/novelty detectors: <c>OneClassSVM</c>, <c>IsolationForest</c>, <c>LocalOutlierFactor(novelty=True)</c>).
/// </summary>
public interface IOutlierDetector : IEstimator
{
    /// <summary>Learns the inlier region from x: (n, d) with optional non-negative weights (n).</summary>
    IOutlierModel<T> Fit<T>(Tensor<T> x, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>A fitted outlier detector.</summary>
public interface IOutlierModel<T> : IFittedModel where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// The signed inlier score of each row of x: (n, d) → (n); positive means inlier, negative outlier, 0 is the
    /// decision boundary (<c>DecisionFunction = ScoreSamples − Offset</c>).
    /// </summary>
    Tensor<T> DecisionFunction(Tensor<T> x);

    /// <summary>The raw normality score of each row (n); larger is more normal. Its scale is model-specific.</summary>
    Tensor<T> ScoreSamples(Tensor<T> x);

    /// <summary>+1 for inliers (<see cref="DecisionFunction"/> ≥ 0) and −1 for outliers, per row: (n).</summary>
    int[] Predict(Tensor<T> x);
}
