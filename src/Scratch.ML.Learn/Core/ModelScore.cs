using System.Numerics;
using Scratch.ML.Learn.ModelSelection;

namespace Scratch.ML.Learn;

/// <summary>
/// scikit-learn's <c>model.score(X, y)</c> for every fitted model: R² for regressors (the mean over targets for a
/// multi-output fit) and accuracy for classifiers. For other scores use the functions in <c>Scratch.ML.Learn.Metrics</c>.
/// </summary>
public static class ModelScore
{
    /// <summary>
    /// The coefficient of determination of the model's predictions on x (m, d) against y (m) or (m, k):
    /// <c>R² = 1 − Σ(y − ŷ)² / Σ(y − ȳ)²</c>, averaged uniformly over targets; 1 for a perfect fit, 0 for predicting the
    /// mean, negative when worse. A constant y scores 1 if predicted exactly, else 0 (scikit-learn's convention).
    /// </summary>
    /// <exception cref="ArgumentException">x has the wrong number of features, or y's shape differs from the predictions'.</exception>
    public static double Score<T>(this IRegressionModel<T> model, Tensor<T> x, Tensor<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(y);
        return CrossValidation.R2(y, model.Predict(x));
    }

    /// <summary>The fraction of rows of x (m, d) whose predicted label equals y (m labels, of the same kind as the training labels).</summary>
    /// <exception cref="ArgumentException">x has the wrong number of features, or y's length or label kind differs.</exception>
    public static double Score<T>(this IClassificationModel<T> model, Tensor<T> x, Labels y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return CrossValidation.Accuracy(y, model.Predict(x));
    }
}
