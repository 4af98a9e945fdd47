using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Scratch.ML.Learn;

/// <summary>
/// An estimator: an immutable options object. Hyperparameters are validated by the constructor and never change;
/// <c>Fit</c> returns a separate fitted-model object holding the learned state, so there is no "not fitted" state.
/// </summary>
[DynamicallyAccessedMembers(EstimatorParameters.Members)]
public interface IEstimator
{
    /// <summary>What the estimator is and what it accepts.</summary>
    EstimatorCapabilities Capabilities { get; }
}

/// <summary>A fitted model: read-only learned state, saved and loaded exactly.</summary>
public interface IFittedModel
{
    /// <summary>The number of features seen by <c>Fit</c>; later calls must pass the same number.</summary>
    int FeatureCount { get; }

    /// <summary>Writes the model (a safetensors file: learned tensors plus options and kind in the metadata).</summary>
    void Save(Stream stream);
}

/// <summary>A model that can be read back by its own type (trim-safe: no reflection over type names).</summary>
/// <typeparam name="TSelf">The model type.</typeparam>
public interface ILoadableModel<TSelf> : IFittedModel where TSelf : ILoadableModel<TSelf>
{
    /// <summary>Reads a model written by <see cref="IFittedModel.Save"/>; validates kind, shapes and options.</summary>
    static abstract TSelf Load(Stream stream);
}

/// <summary>An estimator that learns a transformation of the features (scalers, encoders, decompositions).</summary>
public interface ITransformer : IEstimator
{
    /// <summary>Learns the transformation from <paramref name="x"/>: (n, d).</summary>
    ITransformModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>A fitted transformation.</summary>
public interface ITransformModel<T> : IFittedModel where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Applies the transformation: x (n, d) → (n, d′).</summary>
    Tensor<T> Transform(Tensor<T> x);
}

/// <summary>A fitted transformation that can be undone.</summary>
public interface IInvertibleTransformModel<T> : ITransformModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Maps transformed rows back: (n, d′) → (n, d).</summary>
    Tensor<T> InverseTransform(Tensor<T> x);
}

/// <summary>An estimator that learns to predict continuous targets.</summary>
public interface IRegressor : IEstimator
{
    /// <summary>Fits x (n, d) to y (n) or (n, k) with optional non-negative weights (n).</summary>
    IRegressionModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>A fitted regressor.</summary>
public interface IRegressionModel<T> : IFittedModel where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Predictions for x (n, d): (n), or (n, k) for a multi-output fit.</summary>
    Tensor<T> Predict(Tensor<T> x);
}
