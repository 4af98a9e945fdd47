namespace Scratch.ML.Learn.Datasets;

/// <summary>
/// A loaded dataset: a feature matrix, its target, names and a description (scikit-learn's <c>Bunch</c>).
/// </summary>
/// <param name="Data">Features, shape (n, d).</param>
/// <param name="Target">The target, shape (n): class codes 0 … k − 1 as doubles for classification, the real-valued
/// response for regression.</param>
/// <param name="Labels">For classification the class codes 0 … k − 1 (length n; <c>TargetNames[Labels[i]]</c> is
/// sample i's class); null for regression.</param>
/// <param name="FeatureNames">The d column names.</param>
/// <param name="TargetNames">The k class names for classification; empty for regression.</param>
/// <param name="Description">Where the data comes from and what it measures.</param>
public sealed record Dataset(
    Tensor<double> Data,
    Tensor<double> Target,
    int[]? Labels,
    IReadOnlyList<string> FeatureNames,
    IReadOnlyList<string> TargetNames,
    string Description)
{
    /// <summary>Whether the target is a class label (<see cref="Labels"/> is not null).</summary>
    public bool IsClassification => Labels is not null;

    /// <summary>The number of samples n.</summary>
    public int SampleCount => Data.Shape[0];

    /// <summary>The number of features d.</summary>
    public int FeatureCount => Data.Shape[1];

    /// <summary>The class labels as an int tensor of shape (n).</summary>
    /// <exception cref="InvalidOperationException">The dataset is a regression dataset.</exception>
    public Tensor<int> LabelTensor() =>
        Labels is { } l ? Tensor.FromArray((int[])l.Clone(), l.Length)
                        : throw new InvalidOperationException("Dataset: a regression dataset has no class labels; use Target.");
}
