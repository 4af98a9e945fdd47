using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>A fitted <see cref="ElasticNetCV"/> or <see cref="LassoCV"/>: the chosen α and ρ, the α grids, the
/// cross-validated error path and the elastic net refitted at the chosen pair.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class ElasticNetCVModel<T> : IRegressionModel<T>, ILoadableModel<ElasticNetCVModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "ElasticNetCV";
    private readonly double[] ratios, alphas, mse;

    internal ElasticNetCVModel(ElasticNetCV options, double[] ratios, double[] alphas, double[] mse, int folds, ElasticNetModel<T> model)
    {
        Options = options;
        this.ratios = ratios;
        this.alphas = alphas;
        this.mse = mse;
        FoldCount = folds;
        Model = model;
    }

    /// <summary>The options it was fitted with (a <see cref="LassoCV"/> records L1Ratios = [1]).</summary>
    public ElasticNetCV Options { get; }

    /// <summary>The chosen α (scikit-learn's <c>alpha_</c>).</summary>
    public double Alpha => Model.Options.Alpha;

    /// <summary>The chosen ρ (scikit-learn's <c>l1_ratio_</c>).</summary>
    public double L1Ratio => Model.Options.L1Ratio;

    /// <summary>The candidate ρ, in the order given.</summary>
    public IReadOnlyList<double> L1Ratios => ratios;

    /// <summary>The number of folds k.</summary>
    public int FoldCount { get; }

    /// <summary>The α grid of each ρ: (ρ count, m), descending (scikit-learn's <c>alphas_</c>, which drops the first
    /// axis for a single ρ).</summary>
    public Tensor<double> AlphaGrid => Tensor.FromArray((double[])alphas.Clone(), ratios.Length, alphas.Length / ratios.Length);

    /// <summary>The test-fold mean squared errors: (ρ count, m, k) (scikit-learn's <c>mse_path_</c>, which drops the
    /// first axis for a single ρ).</summary>
    public Tensor<double> MsePath => Tensor.FromArray((double[])mse.Clone(), ratios.Length, alphas.Length / ratios.Length, FoldCount);

    /// <summary>The elastic net refitted on all the data at the chosen (α, ρ).</summary>
    public ElasticNetModel<T> Model { get; }

    /// <summary>w: (d).</summary>
    public Tensor<T> Coef => Model.Coef;

    /// <summary>b: 0-d.</summary>
    public Tensor<T> Intercept => Model.Intercept;

    /// <inheritdoc />
    public int FeatureCount => Model.FeatureCount;

    /// <summary>ŷ = x·w + b: (n).</summary>
    /// <exception cref="ArgumentException">x is invalid or has the wrong feature count.</exception>
    public Tensor<T> Predict(Tensor<T> x) => Model.Predict(x);

    /// <inheritdoc />
    public void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["coef"] = Coef, ["intercept"] = Intercept },
        new Dictionary<string, string>
        {
            ["l1_ratios_option"] = Options.L1Ratios is null ? "" : LinearData.Format(Options.L1Ratios),
            ["eps"] = LinearData.Format([Options.Eps]),
            ["n_alphas"] = Options.NAlphas.ToString(CultureInfo.InvariantCulture),
            ["alphas_option"] = Options.Alphas is null ? "" : LinearData.Format(Options.Alphas),
            ["n_folds"] = Options.NFolds.ToString(CultureInfo.InvariantCulture),
            ["fit_intercept"] = Options.FitIntercept.ToString(CultureInfo.InvariantCulture),
            ["max_iter"] = Options.MaxIter.ToString(CultureInfo.InvariantCulture),
            ["tol"] = LinearData.Format([Options.Tol]),
            ["l1_ratios"] = LinearData.Format(ratios),
            ["alphas"] = LinearData.Format(alphas),
            ["mse_path"] = LinearData.Format(mse),
            ["alpha"] = LinearData.Format([Alpha]),
            ["l1_ratio"] = LinearData.Format([L1Ratio]),
            ["n_iter"] = Model.Iterations[0].ToString(CultureInfo.InvariantCulture),
            ["dual_gap"] = LinearData.Format([Model.DualGaps[0]]),
            ["converged"] = Model.Converged.ToString(CultureInfo.InvariantCulture),
            ["coef_rank"] = "1",
        });

    /// <inheritdoc />
    public static ElasticNetCVModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var (coef, intercept) = LinearData.ReadCoef(f, Kind);
        string ro = f.Option("l1_ratios_option"), ao = f.Option("alphas_option");
        int folds = (int)f.Number("n_folds");
        ElasticNetCV options;
        try
        {
            options = new ElasticNetCV(ro.Length == 0 ? null : LinearData.Parse(ro), LinearData.Parse(f.Option("eps"))[0], (int)f.Number("n_alphas"),
                ao.Length == 0 ? null : LinearData.Parse(ao), folds, f.Flag("fit_intercept"), (int)f.Number("max_iter"), LinearData.Parse(f.Option("tol"))[0]);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{Kind}: the stored options are invalid: {e.Message}", e);
        }
        var ratios = LinearData.Parse(f.Option("l1_ratios"));
        var alphas = LinearData.Parse(f.Option("alphas"));
        var mse = LinearData.Parse(f.Option("mse_path"));
        if (ratios.Length == 0 || alphas.Length % ratios.Length != 0 || mse.Length != alphas.Length * folds)
            throw new InvalidDataException($"{Kind}: {ratios.Length} ratios, {alphas.Length} alphas and {mse.Length} errors do not fit together.");
        var enet = new ElasticNet(LinearData.Parse(f.Option("alpha"))[0], LinearData.Parse(f.Option("l1_ratio"))[0], options.FitIntercept, options.MaxIter, options.Tol);
        var model = new ElasticNetModel<T>(enet, coef, intercept, [(int)f.Number("n_iter")], LinearData.Parse(f.Option("dual_gap")), f.Flag("converged"));
        return new ElasticNetCVModel<T>(options, ratios, alphas, mse, folds, model);
    }
}
