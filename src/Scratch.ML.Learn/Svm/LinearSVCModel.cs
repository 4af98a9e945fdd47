using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.LinearModels;

namespace Scratch.ML.Learn.Svm;

/// <summary>A fitted <see cref="LinearSVC"/>: scores z = x·Wᵀ + b, no probabilities (an SVM is not a probability model).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LinearSVCModel<T> : LinearClassifierModel<T>, ILoadableModel<LinearSVCModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "LinearSVC";

    internal LinearSVCModel(LinearSVC options, ClassLabels classes, Tensor<T> coef, Tensor<T> intercept, int iterations, bool converged)
        : base(nameof(LinearSVCModel<T>), classes, coef, intercept, iterations)
    {
        Options = options;
        Converged = converged;
    }

    /// <summary>The options it was fitted with.</summary>
    public LinearSVC Options { get; }

    /// <summary>Whether every binary problem met <see cref="LinearSVC.Tol"/> (false: some stopped at <see cref="LinearSVC.MaxIter"/>
    /// epochs; scikit-learn then warns "Liblinear failed to converge").</summary>
    public bool Converged { get; }

    /// <summary>Two classes: the second where z &gt; 0, else the first; otherwise the class of largest z (first on ties).</summary>
    /// <exception cref="ArgumentException">x is invalid or has the wrong feature count.</exception>
    public override Labels Predict(Tensor<T> x)
    {
        var z = Scores(x);
        if (Coef.Shape[0] > 1) return Classes.Decode(ClassifierChecks.ArgMax(z));
        var zs = z.ToArray();
        var codes = new int[zs.Length];
        for (int i = 0; i < codes.Length; i++) codes[i] = zs[i] > T.Zero ? 1 : 0;
        return Classes.Decode(codes);
    }

    /// <inheritdoc />
    public override void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["coef"] = Coef, ["intercept"] = Intercept },
        new Dictionary<string, string>
        {
            ["classes"] = Classes.ToMetadata(),
            ["penalty"] = Options.Penalty.ToString(),
            ["loss"] = Options.Loss.ToString(),
            ["c"] = Options.C.ToString("R", CultureInfo.InvariantCulture),
            ["tol"] = Options.Tol.ToString("R", CultureInfo.InvariantCulture),
            ["max_iter"] = Options.MaxIter.ToString(CultureInfo.InvariantCulture),
            ["fit_intercept"] = Options.FitIntercept.ToString(CultureInfo.InvariantCulture),
            ["intercept_scaling"] = Options.InterceptScaling.ToString("R", CultureInfo.InvariantCulture),
            ["class_weight"] = Options.ClassWeight?.ToMetadata() ?? "",
            ["seed"] = Options.Seed.ToString(CultureInfo.InvariantCulture),
            ["shrinking"] = Options.Shrinking.ToString(CultureInfo.InvariantCulture),
            ["multi_class"] = Options.MultiClass.ToString(),
            ["iterations"] = Iterations.ToString(CultureInfo.InvariantCulture),
            ["converged"] = Converged.ToString(CultureInfo.InvariantCulture),
        });

    /// <inheritdoc />
    /// <exception cref="InvalidDataException">Not a LinearSVC file of this element type, or inconsistent shapes or options.</exception>
    public static LinearSVCModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var classes = ClassLabels.FromMetadata(f.Option("classes"));
        var coef = f.Tensor("coef", 2);
        var intercept = f.Tensor("intercept", 1);
        if (!Enum.TryParse<LinearSvcMultiClass>(f.Option("multi_class"), out var multiClass)) throw new InvalidDataException($"{Kind}: unknown multi_class \"{f.Option("multi_class")}\".");
        int k = classes.Count == 2 ? 1 : classes.Count;
        if (coef.Shape[0] != k || intercept.Shape[0] != k)
            throw new InvalidDataException($"{Kind}: coef {Shapes.Format(coef.Shape)} and intercept {Shapes.Format(intercept.Shape)} do not match {classes.Count} classes.");
        if (!Enum.TryParse<LinearSvcLoss>(f.Option("loss"), out var loss)) throw new InvalidDataException($"{Kind}: unknown loss \"{f.Option("loss")}\".");
        if (!Enum.TryParse<LinearSvcPenalty>(f.Option("penalty"), out var penalty)) throw new InvalidDataException($"{Kind}: unknown penalty \"{f.Option("penalty")}\".");
        string cw = f.Option("class_weight");
        LinearSVC options;
        try
        {
            options = new LinearSVC(penalty, loss, f.Number("c"), f.Number("tol"), (int)f.Number("max_iter"), f.Flag("fit_intercept"), f.Number("intercept_scaling"),
                cw.Length == 0 ? null : ClassWeights.FromMetadata(cw), ulong.Parse(f.Option("seed"), CultureInfo.InvariantCulture), f.Flag("shrinking"), multiClass);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            throw new InvalidDataException($"{Kind}: invalid options in the file: {e.Message}", e);
        }
        return new LinearSVCModel<T>(options, classes, coef, intercept, (int)f.Number("iterations"), f.Flag("converged"));
    }
}
