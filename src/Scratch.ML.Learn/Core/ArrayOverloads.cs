using System.Numerics;

namespace Scratch.ML.Learn;

/// <summary>
/// <c>Fit</c> on plain .NET arrays: x as <c>double[,]</c> or <c>float[,]</c> (n rows, d columns), targets as
/// <c>double[]</c>/<c>float[]</c>, labels as <c>int[]</c> or <c>string[]</c>. Each copies the arrays into tensors and
/// calls the estimator's tensor <c>Fit</c>; the fitted models take arrays too, because <c>T[,]</c> converts implicitly
/// to <c>Tensor&lt;T&gt;</c> (<c>model.Predict(rows)</c>).
/// </summary>
public static class ArrayOverloads
{
    /// <summary>Fits a regressor on x (n, d) and y (n) with optional weights (n).</summary>
    public static IRegressionModel<T> Fit<T>(this IRegressor estimator, T[,] x, T[] y, T[]? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return estimator.Fit(Tensor.FromArray(x), Vector(y, nameof(y)), sampleWeight is null ? null : Vector(sampleWeight, nameof(sampleWeight)));
    }

    /// <summary>Fits a classifier on x (n, d) and labels y (n ints or strings) with optional weights (n).</summary>
    public static IClassificationModel<T> Fit<T>(this IClassifier estimator, T[,] x, Labels y, T[]? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return estimator.Fit(Tensor.FromArray(x), y, sampleWeight is null ? null : Vector(sampleWeight, nameof(sampleWeight)));
    }

    /// <summary>Fits a transformer on x (n, d).</summary>
    public static ITransformModel<T> Fit<T>(this ITransformer estimator, T[,] x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return estimator.Fit(Tensor.FromArray(x));
    }

    private static Tensor<T> Vector<T>(T[] values, string name) where T : unmanaged =>
        Tensor.FromArray(values ?? throw new ArgumentNullException(name), values.Length);
}
