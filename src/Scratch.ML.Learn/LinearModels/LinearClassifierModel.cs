using System.Numerics;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// What every fitted linear classifier shares: classes, the weight rows W and intercepts b, the iteration count, and
/// the scores z = x·Wᵀ + b. Subclasses decide how scores become labels and probabilities.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public abstract class LinearClassifierModel<T> : IClassificationModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly string name;

    private protected LinearClassifierModel(string name, ClassLabels classes, Tensor<T> coef, Tensor<T> intercept, int iterations)
    {
        this.name = name;
        Classes = classes;
        Coef = coef;
        Intercept = intercept;
        Iterations = iterations;
    }

    /// <inheritdoc />
    public ClassLabels Classes { get; }

    /// <summary>W: (1, d) for two classes (scores favour the second class), (C, d) otherwise (scikit-learn's <c>coef_</c>).</summary>
    public Tensor<T> Coef { get; }

    /// <summary>b: (1) or (C) (scikit-learn's <c>intercept_</c>; zero when the intercept is not fitted).</summary>
    public Tensor<T> Intercept { get; }

    /// <summary>Iterations (or epochs) the solver ran (scikit-learn's <c>n_iter_</c>).</summary>
    public int Iterations { get; }

    /// <inheritdoc />
    public int FeatureCount => Coef.Shape[1];

    /// <summary>The scores z = x·Wᵀ + b: (n) for two classes (positive favours the second class), (n, C) otherwise.</summary>
    /// <exception cref="ArgumentException">x is invalid or has the wrong feature count.</exception>
    public Tensor<T> DecisionFunction(Tensor<T> x)
    {
        var z = Scores(x);
        return Coef.Shape[0] == 1 ? z.Reshape(z.Shape[0]) : z;
    }

    /// <summary>z = x·Wᵀ + b as (n, k), k = rows of W, after checking x.</summary>
    private protected Tensor<T> Scores(Tensor<T> x)
    {
        var xs = InputChecks.Features(name, x, FeatureCount);
        using var _ = Autograd.NoGrad();
        return xs.MatMul(Coef.Transpose(0, 1)) + Intercept;
    }

    /// <inheritdoc />
    public abstract Labels Predict(Tensor<T> x);

    /// <inheritdoc />
    public abstract void Save(Stream stream);
}
