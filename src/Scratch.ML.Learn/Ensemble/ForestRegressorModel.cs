using System.Globalization;
using System.Numerics;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// A fitted forest regressor (random forest or extra trees): <c>ŷ(x) = (1/T) Σ_t mean_t(leaf_t(x))</c>, the mean of
/// the trees' leaf means (per output for a multi-output fit).
/// </summary>
/// <typeparam name="T">float or double (trees route and average in float64).</typeparam>
public abstract class ForestRegressorModel<T> : ForestModel<T>, IRegressionModel<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private protected ForestRegressorModel(ForestSettings settings, TreeStructure[] trees, bool vectorTarget, double? oobScore, Tensor<T>? oobPrediction)
        : base(settings, trees, oobScore, oobPrediction)
    {
        VectorTarget = vectorTarget;
    }

    /// <summary>Whether y was 1-d at fit time (predictions are then (n), else (n, k)).</summary>
    public bool VectorTarget { get; }

    /// <summary>Number of outputs k.</summary>
    public int OutputCount => Trees[0].ValueWidth;

    /// <summary>The mean of the trees' predictions for each row of x (n, d): (n), or (n, k) for a multi-output fit.</summary>
    /// <exception cref="ArgumentException">x is not (n, <see cref="ForestModel{T}.FeatureCount"/>) or holds NaN/∞.</exception>
    public Tensor<T> Predict(Tensor<T> x)
    {
        var p = Mean(x, out int n);
        var a = Array.ConvertAll(p, v => T.CreateTruncating(v));
        return VectorTarget ? Tensor.FromArray(a, n) : Tensor.FromArray(a, n, OutputCount);
    }

    private protected void Write(Stream stream, string kind) =>
        Write(stream, kind, new Dictionary<string, string>
        {
            ["outputs"] = OutputCount.ToString(CultureInfo.InvariantCulture),
            ["vector_target"] = VectorTarget.ToString(CultureInfo.InvariantCulture),
        });

    private protected static (ForestSettings Settings, TreeStructure[] Trees, bool Vector, double? OobScore, Tensor<T>? OobPrediction) Read(
        Stream stream, string kind, SplitStrategy splitter)
    {
        bool vector = false;
        int outputs = 0;
        var (settings, trees, score, oob, _) = ReadParts(stream, kind, classifier: false, splitter, f =>
        {
            outputs = int.Parse(f.Option("outputs"), CultureInfo.InvariantCulture);
            vector = f.Flag("vector_target");
            if (outputs < 1 || (vector && outputs != 1)) throw new InvalidDataException($"{kind}: invalid output count {outputs} (vector target: {vector}).");
            return outputs;
        });
        if (oob is not null && (vector ? oob.Rank != 1 : oob.Rank != 2 || oob.Shape[1] != outputs))
            throw new InvalidDataException($"{kind}: oob_prediction has shape {Shapes.Format(oob.Shape)}, which does not match {outputs} output(s).");
        return (settings, trees, vector, score, oob);
    }
}
