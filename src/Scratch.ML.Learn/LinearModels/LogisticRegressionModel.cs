using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>A fitted <see cref="LogisticRegression"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LogisticRegressionModel<T> : LinearClassifierModel<T>, IProbabilisticModel<T>, ILoadableModel<LogisticRegressionModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "LogisticRegression";

    internal LogisticRegressionModel(LogisticRegression options, ClassLabels classes, Tensor<T> coef, Tensor<T> intercept, int iterations, bool converged)
        : base(nameof(LogisticRegressionModel<T>), classes, coef, intercept, iterations)
    {
        Options = options;
        Converged = converged;
    }

    /// <summary>The options it was fitted with.</summary>
    public LogisticRegression Options { get; }

    /// <summary>Whether L-BFGS met a tolerance (false: it stopped at the iteration or evaluation budget).</summary>
    public bool Converged { get; }

    /// <inheritdoc />
    public override Labels Predict(Tensor<T> x) => Classes.Decode(ClassifierChecks.ArgMax(PredictLogProba(x)));

    /// <summary>log P: (n, C). Two classes: (−softplus(z), −softplus(−z)); otherwise z − logsumexp(z). Stable for any z.</summary>
    public Tensor<T> PredictLogProba(Tensor<T> x)
    {
        var z = Scores(x);
        using var _ = Autograd.NoGrad();
        if (Coef.Shape[0] > 1) return z - z.LogSumExp(1, keepDims: true);
        var zs = z.ToArray();
        var lp = new T[2 * zs.Length];
        for (int i = 0; i < zs.Length; i++)
        {
            double v = double.CreateTruncating(zs[i]);
            lp[2 * i] = T.CreateTruncating(-Softplus(v));                    // log(1 − σ(z)) = −softplus(z)
            lp[2 * i + 1] = T.CreateTruncating(-Softplus(-v));               // log σ(z) = −softplus(−z)
        }
        return Tensor.FromArray(lp, zs.Length, 2);
    }

    /// <summary>log(1 + eᵛ) without overflow.</summary>
    internal static double Softplus(double v) => v > 0 ? v + Log1P(Math.Exp(-v)) : Log1P(Math.Exp(v));

    /// <summary>log(1 + u) accurate for small u (Goldberg's trick: the rounding of 1 + u is compensated).</summary>
    private static double Log1P(double u)
    {
        double one = 1 + u;
        return one == 1 ? u : Math.Log(one) * u / (one - 1);
    }

    /// <inheritdoc />
    public Tensor<T> PredictProba(Tensor<T> x) => PredictLogProba(x).Exp();

    /// <inheritdoc />
    public override void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["coef"] = Coef, ["intercept"] = Intercept },
        new Dictionary<string, string>
        {
            ["classes"] = Classes.ToMetadata(),
            ["penalty"] = Options.Penalty.ToString(),
            ["c"] = Options.C.ToString("R", CultureInfo.InvariantCulture),
            ["fit_intercept"] = Options.FitIntercept.ToString(CultureInfo.InvariantCulture),
            ["tol"] = Options.Tol.ToString("R", CultureInfo.InvariantCulture),
            ["max_iter"] = Options.MaxIter.ToString(CultureInfo.InvariantCulture),
            ["class_weight"] = Options.ClassWeight?.ToMetadata() ?? "",
            ["iterations"] = Iterations.ToString(CultureInfo.InvariantCulture),
            ["converged"] = Converged.ToString(CultureInfo.InvariantCulture),
        });

    /// <inheritdoc />
    public static LogisticRegressionModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var classes = ClassLabels.FromMetadata(f.Option("classes"));
        var coef = f.Tensor("coef", 2);
        var intercept = f.Tensor("intercept", 1);
        int k = classes.Count == 2 ? 1 : classes.Count;
        if (coef.Shape[0] != k || intercept.Shape[0] != k)
            throw new InvalidDataException($"{Kind}: coef {Shapes.Format(coef.Shape)} and intercept {Shapes.Format(intercept.Shape)} do not match {classes.Count} classes.");
        if (!Enum.TryParse<LogisticPenalty>(f.Option("penalty"), out var penalty))
            throw new InvalidDataException($"{Kind}: unknown penalty \"{f.Option("penalty")}\".");
        string cw = f.Option("class_weight");
        var options = new LogisticRegression(penalty, f.Number("c"), f.Flag("fit_intercept"), f.Number("tol"), (int)f.Number("max_iter"),
            cw.Length == 0 ? null : ClassWeights.FromMetadata(cw));
        return new LogisticRegressionModel<T>(options, classes, coef, intercept, (int)f.Number("iterations"), f.Flag("converged"));
    }
}
