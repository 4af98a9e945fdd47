using System.Numerics;

namespace Scratch.ML.Learn;

/// <summary>An estimator that learns to predict class labels.</summary>
public interface IClassifier : IEstimator
{
    /// <summary>Fits x: (n, d) to labels y (n integers or strings) with optional non-negative weights (n).</summary>
    IClassificationModel<T> Fit<T>(Tensor<T> x, Labels y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>A fitted classifier.</summary>
public interface IClassificationModel<T> : IFittedModel where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The classes seen at fit time, sorted; class index k means <c>Classes</c>[k].</summary>
    ClassLabels Classes { get; }

    /// <summary>The predicted label of each row of x: (n, d).</summary>
    Labels Predict(Tensor<T> x);
}

/// <summary>A fitted classifier that estimates class probabilities.</summary>
public interface IProbabilisticModel<T> : IClassificationModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>P(class k | row i): (n, C), rows sum to 1, columns in <see cref="IClassificationModel{T}.Classes"/> order.</summary>
    Tensor<T> PredictProba(Tensor<T> x);

    /// <summary>log P(class k | row i): (n, C), computed stably (not as the log of <see cref="PredictProba"/>).</summary>
    Tensor<T> PredictLogProba(Tensor<T> x);
}

/// <summary>Helpers shared by classifiers.</summary>
public static class ClassifierChecks
{
    /// <summary>
    /// Validates labels against n samples and encodes them: returns the classes and the class index per sample.
    /// </summary>
    /// <exception cref="ArgumentException">The count differs from n, or fewer than <paramref name="minClasses"/> classes occur.</exception>
    public static (ClassLabels Classes, int[] Codes) Encode(string estimator, Labels y, int samples, int minClasses = 2)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Length != samples)
            throw new ArgumentException($"{estimator}: y has {y.Length} labels but x has {samples} samples.", nameof(y));
        var classes = ClassLabels.Of(y);
        if (classes.Count < minClasses)
            throw new ArgumentException($"{estimator}: needs at least {minClasses} classes in y, got {classes.Count} ({(classes.Count == 1 ? y.Format(0) : "none")}).", nameof(y));
        return (classes, classes.Encode(y));
    }

    /// <summary>The arg-max class index of each row of scores: (n, C).</summary>
    public static int[] ArgMax<T>(Tensor<T> scores) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var idx = scores.ArgMax(1).ToArray();
        return Array.ConvertAll(idx, v => (int)v);
    }
}
