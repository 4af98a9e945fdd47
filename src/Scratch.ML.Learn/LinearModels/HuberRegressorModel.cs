using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>A fitted <see cref="HuberRegressor"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class HuberRegressorModel<T> : IRegressionModel<T>, ILoadableModel<HuberRegressorModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "HuberRegressor";
    private readonly bool[] outliers;

    internal HuberRegressorModel(HuberRegressor options, Tensor<T> coef, Tensor<T> intercept, double scale, bool[] outliers, int iterations, bool converged)
    {
        Options = options;
        Coef = coef;
        Intercept = intercept;
        Scale = scale;
        this.outliers = outliers;
        Iterations = iterations;
        Converged = converged;
    }

    /// <summary>The options it was fitted with.</summary>
    public HuberRegressor Options { get; }

    /// <summary>w: (d).</summary>
    public Tensor<T> Coef { get; }

    /// <summary>c: a 0-d tensor (0 without an intercept).</summary>
    public Tensor<T> Intercept { get; }

    /// <summary>The learned scale σ &gt; 0 of the residuals.</summary>
    public double Scale { get; }

    /// <summary>For each training row, whether |yᵢ − xᵢ·w − c| &gt; ε·σ (scikit-learn's <c>outliers_</c>), length n.</summary>
    public IReadOnlyList<bool> Outliers => outliers;

    /// <summary>The L-BFGS iterations used (before the Newton refinement).</summary>
    public int Iterations { get; }

    /// <summary>Whether L-BFGS met its tolerance within <see cref="HuberRegressor.MaxIter"/> iterations (the Newton
    /// refinement runs either way).</summary>
    public bool Converged { get; }

    /// <inheritdoc />
    public int FeatureCount => Coef.Shape[0];

    /// <summary>ŷ = x·w + c: (m).</summary>
    /// <exception cref="ArgumentException">x is not (m, d) with d = <see cref="FeatureCount"/>, or holds NaN/∞.</exception>
    public Tensor<T> Predict(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(HuberRegressorModel<T>), x, FeatureCount);
        using var _ = Autograd.NoGrad();
        return xs.MatMul(Coef) + Intercept;
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["coef"] = Coef, ["intercept"] = Intercept },
        new Dictionary<string, string>
        {
            ["options"] = LinearData.Format([Options.Epsilon, Options.Alpha, Options.Tol]),
            ["max_iter"] = Options.MaxIter.ToString(CultureInfo.InvariantCulture),
            ["fit_intercept"] = Options.FitIntercept.ToString(CultureInfo.InvariantCulture),
            ["scale"] = LinearData.Format([Scale]),
            ["outliers"] = new string(Array.ConvertAll(outliers, o => o ? '1' : '0')),
            ["iterations"] = Iterations.ToString(CultureInfo.InvariantCulture),
            ["converged"] = Converged.ToString(CultureInfo.InvariantCulture),
        });

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">Not a saved HuberRegressor of this element type, or malformed.</exception>
    public static HuberRegressorModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var coef = f.Tensor("coef", 1);
        var intercept = f.Tensor("intercept", 0);
        var o = LinearData.Parse(f.Option("options"));
        if (o.Length != 3) throw new InvalidDataException($"{Kind}: malformed options in the file.");
        var text = f.Option("outliers");
        if (text.Any(ch => ch is not ('0' or '1'))) throw new InvalidDataException($"{Kind}: malformed outlier mask in the file.");
        var options = new HuberRegressor(o[0], (int)f.Number("max_iter"), o[1], f.Flag("fit_intercept"), o[2]);
        return new HuberRegressorModel<T>(options, coef, intercept, f.Number("scale"), text.Select(ch => ch == '1').ToArray(),
            (int)f.Number("iterations"), f.Flag("converged"));
    }
}
