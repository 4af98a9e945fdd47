using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>A fitted <see cref="QuantileRegressor"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class QuantileRegressorModel<T> : IRegressionModel<T>, ILoadableModel<QuantileRegressorModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "QuantileRegressor";

    internal QuantileRegressorModel(QuantileRegressor options, Tensor<T> coef, Tensor<T> intercept, double objective, int iterations, bool converged)
    {
        Options = options;
        Coef = coef;
        Intercept = intercept;
        Objective = objective;
        Iterations = iterations;
        Converged = converged;
    }

    /// <summary>The options it was fitted with.</summary>
    public QuantileRegressor Options { get; }

    /// <summary>w: (d).</summary>
    public Tensor<T> Coef { get; }

    /// <summary>b: a 0-d tensor (0 without an intercept).</summary>
    public Tensor<T> Intercept { get; }

    /// <summary>The minimised objective <c>(1/S)·Σ sᵢ ρ_τ(rᵢ) + α‖w‖₁</c> on the training data (computed in float64).</summary>
    public double Objective { get; }

    /// <summary>The interior-point iterations used (scikit-learn's <c>n_iter_</c> counts HiGHS's own iterations instead).</summary>
    public int Iterations { get; }

    /// <summary>Whether the interior-point method met its tolerances (1e-9 relative infeasibility and gap; or stalled within 1e-7 of them).</summary>
    public bool Converged { get; }

    /// <inheritdoc />
    public int FeatureCount => Coef.Shape[0];

    /// <summary>The estimated conditional τ-quantile ŷ = x·w + b: (m).</summary>
    /// <exception cref="ArgumentException">x is not (m, d) with d = <see cref="FeatureCount"/>, or holds NaN/∞.</exception>
    public Tensor<T> Predict(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(QuantileRegressorModel<T>), x, FeatureCount);
        using var _ = Autograd.NoGrad();
        return xs.MatMul(Coef) + Intercept;
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["coef"] = Coef, ["intercept"] = Intercept },
        new Dictionary<string, string>
        {
            ["options"] = LinearData.Format([Options.Quantile, Options.Alpha]),
            ["fit_intercept"] = Options.FitIntercept.ToString(CultureInfo.InvariantCulture),
            ["objective"] = LinearData.Format([Objective]),
            ["iterations"] = Iterations.ToString(CultureInfo.InvariantCulture),
            ["converged"] = Converged.ToString(CultureInfo.InvariantCulture),
        });

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">Not a saved QuantileRegressor of this element type, or malformed.</exception>
    public static QuantileRegressorModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var o = LinearData.Parse(f.Option("options"));
        if (o.Length != 2) throw new InvalidDataException($"{Kind}: malformed options in the file.");
        return new QuantileRegressorModel<T>(new QuantileRegressor(o[0], o[1], f.Flag("fit_intercept")), f.Tensor("coef", 1), f.Tensor("intercept", 0),
            f.Number("objective"), (int)f.Number("iterations"), f.Flag("converged"));
    }
}
