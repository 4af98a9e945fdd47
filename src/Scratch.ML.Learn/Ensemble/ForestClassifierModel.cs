using System.Numerics;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// A fitted forest classifier (random forest or extra trees): <c>P(k | x) = (1/T) Σ_t p_t(k | leaf_t(x))</c>, the mean
/// of the trees' leaf class frequencies (scikit-learn's soft voting), and the prediction is its arg-max (the first
/// class on ties).
/// </summary>
/// <typeparam name="T">float or double (trees route and average in float64).</typeparam>
public abstract class ForestClassifierModel<T> : ForestModel<T>, IProbabilisticModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private protected ForestClassifierModel(ForestSettings settings, ClassLabels classes, TreeStructure[] trees, double? oobScore, Tensor<T>? oobPrediction)
        : base(settings, trees, oobScore, oobPrediction)
    {
        Classes = classes;
    }

    /// <inheritdoc />
    public ClassLabels Classes { get; }

    /// <summary>The mean class probabilities of the trees for each row of x (n, d): (n, C), rows sum to 1.</summary>
    /// <exception cref="ArgumentException">x is not (n, <see cref="ForestModel{T}.FeatureCount"/>) or holds NaN/∞.</exception>
    public Tensor<T> PredictProba(Tensor<T> x)
    {
        var p = Mean(x, out int n);
        return Tensor.FromArray(Array.ConvertAll(p, v => T.CreateTruncating(v)), n, Classes.Count);
    }

    /// <summary>log of <see cref="PredictProba"/>: (n, C); −∞ where no tree gives the class any probability.</summary>
    public Tensor<T> PredictLogProba(Tensor<T> x)
    {
        var p = Mean(x, out int n);
        return Tensor.FromArray(Array.ConvertAll(p, v => T.CreateTruncating(Math.Log(v))), n, Classes.Count);
    }

    /// <summary>The most probable class of each row of x (n, d) under <see cref="PredictProba"/>.</summary>
    public Labels Predict(Tensor<T> x)
    {
        var p = Mean(x, out int n);
        int c = Classes.Count;
        var best = new int[n];
        for (int i = 0; i < n; i++)
        {
            int b = 0;
            for (int k = 1; k < c; k++)
                if (p[i * c + k] > p[i * c + b]) b = k;
            best[i] = b;
        }
        return Classes.Decode(best);
    }

    private protected void Write(Stream stream, string kind) =>
        Write(stream, kind, new Dictionary<string, string> { ["classes"] = Classes.ToMetadata() });

    private protected static (ForestSettings Settings, ClassLabels Classes, TreeStructure[] Trees, double? OobScore, Tensor<T>? OobPrediction) Read(
        Stream stream, string kind, SplitStrategy splitter)
    {
        ClassLabels classes = null!;
        var (settings, trees, score, oob, _) = ReadParts(stream, kind, classifier: true, splitter, f =>
        {
            classes = ClassLabels.FromMetadata(f.Option("classes"));
            return classes.Count;
        });
        if (oob is not null && (oob.Rank != 2 || oob.Shape[1] != classes.Count))
            throw new InvalidDataException($"{kind}: oob_prediction has shape {Shapes.Format(oob.Shape)}, expected (n, {classes.Count}).");
        return (settings, classes, trees, score, oob);
    }
}
