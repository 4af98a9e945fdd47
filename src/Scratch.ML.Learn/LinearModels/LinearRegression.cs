using System.Globalization;
using System.Numerics;
using Scratch.ML.LinearAlgebra;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>
/// Ordinary least squares, scikit-learn's <c>LinearRegression</c>: <c>min_w Σᵢ sᵢ (yᵢ − xᵢ·w − b)²</c>.
/// </summary>
/// <remarks>
/// With an intercept, x and y are centred on their (weighted) means first, the centred problem is solved, and
/// <c>b = ȳ − x̄·w</c>. Weights enter as rows scaled by √sᵢ. The solve is the SVD-based minimum-norm least squares
/// (<see cref="Linalg.Lstsq{T}"/>, LAPACK's gelsd in scikit-learn), so rank-deficient designs give the
/// minimum-norm coefficients, like scikit-learn.
/// </remarks>
/// <param name="FitIntercept">Whether to learn b (otherwise b = 0 and the data are not centred).</param>
public sealed record LinearRegression(bool FitIntercept = true) : IRegressor
{
    /// <inheritdoc />
    public EstimatorCapabilities Capabilities { get; } = new(EstimatorKind.Regressor, Supervised: true, SupportsSampleWeight: true, MultiOutput: true);

    /// <summary>Fits x: (n, d) to y: (n) or (n, k), with optional weights s: (n).</summary>
    /// <exception cref="ArgumentException">Shapes disagree, or x/y/weights hold invalid values.</exception>
    public LinearRegressionModel<T> Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const string name = nameof(LinearRegression);
        var xs = InputChecks.Features(name, x);
        int n = xs.Shape[0], d = xs.Shape[1];
        var (ys, vector) = InputChecks.Targets(name, y, n, multiOutput: true);   // ys: (n, k)
        var w = InputChecks.Weights(name, sampleWeight, n);
        int k = ys.Shape[1];
        using var _ = Autograd.NoGrad();
        Tensor<T> xMean, yMean;
        if (FitIntercept)
        {
            if (w is null) { xMean = xs.Mean(0); yMean = ys.Mean(0); }
            else
            {
                var wc = w.Reshape(n, 1);
                var total = w.Sum();
                xMean = (xs * wc).Sum(0) / total;
                yMean = (ys * wc).Sum(0) / total;
            }
        }
        else
        {
            xMean = Tensor.Zeros<T>(d);
            yMean = Tensor.Zeros<T>(k);
        }
        var xc = xs - xMean;
        var yc = ys - yMean;
        if (w is not null)
        {
            var root = w.Sqrt().Reshape(n, 1);
            xc = xc * root;
            yc = yc * root;
        }
        var solution = Linalg.Lstsq(xc, yc);                      // (d, k)
        var coef = solution.Solution.MT.Contiguous();              // (k, d)
        var intercept = yMean - xMean.MatMul(solution.Solution);    // (k)
        return new LinearRegressionModel<T>(this, vector ? coef.Reshape(d) : coef, vector ? intercept.Reshape() : intercept, solution.Rank, solution.SingularValues);
    }

    IRegressionModel<T> IRegressor.Fit<T>(Tensor<T> x, Tensor<T> y, Tensor<T>? sampleWeight) => Fit(x, y, sampleWeight);
}

/// <summary>A fitted <see cref="LinearRegression"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LinearRegressionModel<T> : IRegressionModel<T>, ILoadableModel<LinearRegressionModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "LinearRegression";

    internal LinearRegressionModel(LinearRegression options, Tensor<T> coef, Tensor<T> intercept, int rank, Tensor<T> singularValues)
    {
        Options = options;
        Coef = coef;
        Intercept = intercept;
        Rank = rank;
        SingularValues = singularValues;
    }

    /// <summary>The options it was fitted with.</summary>
    public LinearRegression Options { get; }

    /// <summary>w: (d) for a 1-d target, (k, d) for k targets (scikit-learn's <c>coef_</c> layout).</summary>
    public Tensor<T> Coef { get; }

    /// <summary>b: a 0-d tensor for a 1-d target, (k) for k targets.</summary>
    public Tensor<T> Intercept { get; }

    /// <summary>The numerical rank of the (centred) design matrix.</summary>
    public int Rank { get; }

    /// <summary>The singular values of the (centred, weighted) design matrix, descending.</summary>
    public Tensor<T> SingularValues { get; }

    /// <inheritdoc />
    public int FeatureCount => Coef.Shape[^1];

    /// <summary>ŷ = x·wᵀ + b: (n) or (n, k).</summary>
    public Tensor<T> Predict(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(LinearRegressionModel<T>), x, FeatureCount);
        using var _ = Autograd.NoGrad();
        return xs.MatMul(Coef.MT) + Intercept;
    }

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["coef"] = Coef, ["intercept"] = Intercept, ["singular_values"] = SingularValues },
        new Dictionary<string, string>
        {
            ["fit_intercept"] = Options.FitIntercept.ToString(CultureInfo.InvariantCulture),
            ["rank"] = Rank.ToString(CultureInfo.InvariantCulture),
            ["coef_rank"] = Coef.Rank.ToString(CultureInfo.InvariantCulture),
        });

    /// <inheritdoc />
    public static LinearRegressionModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var coef = f.Option("coef_rank") == "1" ? f.Tensor("coef", 1) : f.Tensor("coef", 2);
        var intercept = f.Tensor("intercept", coef.Rank == 1 ? 0 : 1);
        if (coef.Rank == 2 && intercept.Shape[0] != coef.Shape[0])
            throw new InvalidDataException($"{Kind}: intercept has {intercept.Shape[0]} entries for {coef.Shape[0]} targets.");
        return new LinearRegressionModel<T>(new LinearRegression(f.Flag("fit_intercept")), coef, intercept, (int)f.Number("rank"), f.Tensor("singular_values", 1));
    }
}
