using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>A fitted <see cref="BayesianRidge"/>: the posterior mean and covariance of w and the evidence-optimal α, λ.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class BayesianRidgeModel<T> : IRegressionModel<T>, ILoadableModel<BayesianRidgeModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "BayesianRidge";
    private readonly double[] scores;

    internal BayesianRidgeModel(BayesianRidge options, Tensor<T> coef, Tensor<T> intercept, Tensor<T> sigma, double alpha, double lambda, double[] scores, int iterations)
    {
        Options = options;
        Coef = coef;
        Intercept = intercept;
        Sigma = sigma;
        Alpha = alpha;
        Lambda = lambda;
        this.scores = scores;
        Iterations = iterations;
    }

    /// <summary>The options it was fitted with.</summary>
    public BayesianRidge Options { get; }

    /// <summary>The posterior mean of w: (d).</summary>
    public Tensor<T> Coef { get; }

    /// <summary>b = ȳ − x̄·w: a 0-d tensor (0 without an intercept).</summary>
    public Tensor<T> Intercept { get; }

    /// <summary>The posterior covariance of w: (d, d), <c>(λI + α x̃ᵀx̃)⁻¹</c> for n &gt; d. For n ≤ d it is built from the n
    /// right singular vectors only, as in scikit-learn; with an intercept one of them spans a zero singular value and is
    /// an arbitrary null-space direction, so only x̃·Σ·x̃ᵀ is well defined then.</summary>
    public Tensor<T> Sigma { get; }

    /// <summary>The estimated noise precision α (1 / noise variance).</summary>
    public double Alpha { get; }

    /// <summary>The estimated weight precision λ.</summary>
    public double Lambda { get; }

    /// <summary>The log marginal likelihood (plus log hyperpriors) at each iteration and once more at the end; empty
    /// unless <see cref="BayesianRidge.ComputeScore"/>.</summary>
    public IReadOnlyList<double> Scores => scores;

    /// <summary>The number of evidence iterations run (scikit-learn's <c>n_iter_</c>).</summary>
    public int Iterations { get; }

    /// <inheritdoc />
    public int FeatureCount => Coef.Shape[0];

    /// <summary>The predictive mean ŷ = x·w + b: (m).</summary>
    /// <exception cref="ArgumentException">x is not (m, d) with d = <see cref="FeatureCount"/>, or holds NaN/∞.</exception>
    public Tensor<T> Predict(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(BayesianRidgeModel<T>), x, FeatureCount);
        using var _ = Autograd.NoGrad();
        return xs.MatMul(Coef) + Intercept;
    }

    /// <summary>
    /// The predictive mean and standard deviation: <c>ŷ = x·w + b</c> and <c>sd = √(xᵀΣx + 1/α)</c>, each (m).
    /// </summary>
    /// <remarks>As in scikit-learn 1.2, the quadratic form uses the raw rows x, not x − x̄, although Σ is the
    /// covariance for centred features; with an intercept this overstates the spread far from the origin.</remarks>
    /// <exception cref="ArgumentException">x is not (m, d) with d = <see cref="FeatureCount"/>, or holds NaN/∞.</exception>
    public (Tensor<T> Mean, Tensor<T> Std) PredictWithStd(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(BayesianRidgeModel<T>), x, FeatureCount);
        using var _ = Autograd.NoGrad();
        var mean = xs.MatMul(Coef) + Intercept;
        int m = xs.Shape[0], d = FeatureCount;
        var xd = LinearData.ToDouble(xs.AsSpan());
        var sigma = LinearData.ToDouble(Sigma.Contiguous().AsSpan());
        var std = new double[m];
        for (int r = 0; r < m; r++)
        {
            double q = 0;
            for (int a = 0; a < d; a++)
            {
                double s = 0;
                for (int b = 0; b < d; b++) s += xd[r * d + b] * sigma[b * d + a];
                q += s * xd[r * d + a];
            }
            std[r] = Math.Sqrt(q + 1.0 / Alpha);
        }
        return (mean, LinearData.ToTensor<T>(std, m));
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["coef"] = Coef, ["intercept"] = Intercept, ["sigma"] = Sigma },
        new Dictionary<string, string>
        {
            ["max_iter"] = Options.MaxIter.ToString(CultureInfo.InvariantCulture),
            ["options"] = LinearData.Format([Options.Tol, Options.Alpha1, Options.Alpha2, Options.Lambda1, Options.Lambda2]),
            ["init"] = LinearData.Format([Options.AlphaInit ?? double.NaN, Options.LambdaInit ?? double.NaN]),
            ["compute_score"] = Options.ComputeScore.ToString(CultureInfo.InvariantCulture),
            ["fit_intercept"] = Options.FitIntercept.ToString(CultureInfo.InvariantCulture),
            ["alpha_lambda"] = LinearData.Format([Alpha, Lambda]),
            ["scores"] = LinearData.Format(scores),
            ["iterations"] = Iterations.ToString(CultureInfo.InvariantCulture),
        });

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">Not a saved BayesianRidge of this element type, or inconsistent shapes.</exception>
    public static BayesianRidgeModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var coef = f.Tensor("coef", 1);
        var intercept = f.Tensor("intercept", 0);
        var sigma = f.Tensor("sigma", 2);
        int d = coef.Shape[0];
        if (sigma.Shape[0] != d || sigma.Shape[1] != d)
            throw new InvalidDataException($"{Kind}: sigma has shape {Shapes.Format(sigma.Shape)} for {d} coefficients.");
        var o = LinearData.Parse(f.Option("options"));
        var init = LinearData.Parse(f.Option("init"));
        var al = LinearData.Parse(f.Option("alpha_lambda"));
        if (o.Length != 5 || init.Length != 2 || al.Length != 2)
            throw new InvalidDataException($"{Kind}: malformed options in the file.");
        var options = new BayesianRidge((int)f.Number("max_iter"), o[0], o[1], o[2], o[3], o[4], f.Flag("compute_score"), f.Flag("fit_intercept"),
            double.IsNaN(init[0]) ? null : init[0], double.IsNaN(init[1]) ? null : init[1]);
        return new BayesianRidgeModel<T>(options, coef, intercept, sigma, al[0], al[1], LinearData.Parse(f.Option("scores")), (int)f.Number("iterations"));
    }
}
