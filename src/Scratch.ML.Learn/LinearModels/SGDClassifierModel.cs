using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>A fitted <see cref="SGDClassifier"/> (or <see cref="Perceptron"/>).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class SGDClassifierModel<T> : LinearClassifierModel<T>, ILoadableModel<SGDClassifierModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "SGDClassifier";

    internal SGDClassifierModel(SGDClassifier options, ClassLabels classes, Tensor<T> coef, Tensor<T> intercept, int iterations)
        : base(nameof(SGDClassifierModel<T>), classes, coef, intercept, iterations)
    {
        Options = options;
    }

    /// <summary>The options it was fitted with.</summary>
    public SGDClassifier Options { get; }

    /// <summary>Two classes: the second where z &gt; 0, else the first; otherwise the class of largest z.</summary>
    public override Labels Predict(Tensor<T> x)
    {
        var z = Scores(x);
        if (Coef.Shape[0] > 1) return Classes.Decode(ClassifierChecks.ArgMax(z));
        var zs = z.ToArray();
        var codes = new int[zs.Length];
        for (int i = 0; i < codes.Length; i++) codes[i] = zs[i] > T.Zero ? 1 : 0;
        return Classes.Decode(codes);
    }

    /// <summary>
    /// P: (n, C). log_loss: σ(z) per class; modified_huber: (clip(z, −1, 1) + 1)/2 per class. Two classes give
    /// (1 − p, p); more are normalised to sum 1 (uniform where every p is 0), as scikit-learn does.
    /// </summary>
    /// <exception cref="InvalidOperationException">The loss is hinge or perceptron (no probability model).</exception>
    public Tensor<T> PredictProba(Tensor<T> x)
    {
        if (!Options.HasProbabilities)
            throw new InvalidOperationException($"SGDClassifierModel: probabilities need loss LogLoss or ModifiedHuber, not {Options.Loss}.");
        var zs = Scores(x).ToArray();
        int k = Coef.Shape[0], n = zs.Length / k, c = Classes.Count;
        bool log = Options.Loss == SgdClassificationLoss.LogLoss;
        var p = new T[n * c];
        for (int i = 0; i < n; i++)
        {
            if (k == 1)
            {
                double pi = Prob(log, double.CreateTruncating(zs[i]));
                p[2 * i] = T.CreateTruncating(1 - pi);
                p[2 * i + 1] = T.CreateTruncating(pi);
                continue;
            }
            var row = new double[c];
            double sum = 0;
            for (int j = 0; j < c; j++) sum += row[j] = Prob(log, double.CreateTruncating(zs[i * c + j]));
            for (int j = 0; j < c; j++) p[i * c + j] = T.CreateTruncating(sum > 0 ? row[j] / sum : 1.0 / c);
        }
        return Tensor.FromArray(p, n, c);
    }

    private static double Prob(bool log, double z) => log ? (z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z))) : (Math.Clamp(z, -1, 1) + 1) / 2;

    /// <inheritdoc />
    public override void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["coef"] = Coef, ["intercept"] = Intercept },
        new Dictionary<string, string>
        {
            ["classes"] = Classes.ToMetadata(),
            ["options"] = SgdOptionsText.Write(Options.Loss.ToString(), Options.Penalty, Options.Alpha, Options.L1Ratio, Options.FitIntercept, Options.MaxIter,
                Options.Tol, Options.Shuffle, Options.Seed, 0.1, Options.LearningRate, Options.Eta0, Options.PowerT, Options.NIterNoChange),
            ["iterations"] = Iterations.ToString(CultureInfo.InvariantCulture),
        });

    /// <inheritdoc />
    public static SGDClassifierModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var classes = ClassLabels.FromMetadata(f.Option("classes"));
        var coef = f.Tensor("coef", 2);
        var intercept = f.Tensor("intercept", 1);
        int k = classes.Count == 2 ? 1 : classes.Count;
        if (coef.Shape[0] != k || intercept.Shape[0] != k)
            throw new InvalidDataException($"{Kind}: coef {Shapes.Format(coef.Shape)} and intercept {Shapes.Format(intercept.Shape)} do not match {classes.Count} classes.");
        var o = SgdOptionsText.Read(Kind, f.Option("options"));
        if (!Enum.TryParse<SgdClassificationLoss>(o.Loss, out var loss)) throw new InvalidDataException($"{Kind}: unknown loss \"{o.Loss}\".");
        var options = new SGDClassifier(loss, o.Penalty, o.Alpha, o.L1Ratio, o.FitIntercept, o.MaxIter, o.Tol, o.Shuffle, o.Seed, o.LearningRate, o.Eta0, o.PowerT, o.NIterNoChange);
        return new SGDClassifierModel<T>(options, classes, coef, intercept, (int)f.Number("iterations"));
    }
}
