using System.Numerics;
using Scratch.ML.Learn.Trees;

namespace Scratch.ML.Learn.Ensemble;

/// <summary>
/// The <see cref="TreeEnsemble"/> view of a bagging ensemble whose members are all tree models: the members' tree
/// ensembles averaged (weights divided by the member count), each tree's split features remapped from the member's
/// columns to the original ones and, for classifiers, its outputs from the member's classes to the ensemble's.
/// </summary>
/// <remarks>
/// <para>A member qualifies when it implements <see cref="ITreeEnsembleModel"/> with the identity link and, for a
/// classifier, one raw output per class of the member (its raw output then <i>is</i> its class probabilities, as for
/// decision trees and forests); for a regressor, one raw output. The mean of such members is again additive:
/// <c>raw(x) = (1/m) Σⱼ (baseⱼ + Σ_t wⱼₜ · valueⱼₜ(leaf(x[:, Fⱼ])))</c>, which is bagging's prediction (soft voting
/// for classifiers, scikit-learn's <c>predict_proba</c>). Boosted members (logistic, softmax or exp links) average
/// <i>after</i> their link and do not qualify.</para>
/// <para>Remapping builds new <see cref="TreeStructure"/> arrays: feature k of member j becomes Fⱼ[k] (repeats under
/// feature bootstrap are fine), categorical sets are copied bit by bit, and node values are widened to all classes
/// (zeros for classes the member never saw) only when the member's classes do not map to consecutive outputs.</para>
/// </remarks>
internal static class BaggingTrees
{
    /// <summary>Whether every member qualifies (see the type remarks).</summary>
    /// <param name="members">The fitted members.</param>
    /// <param name="outputs">Per member, its expected raw output count (its class count, or 1 for regression).</param>
    public static bool Qualify(IReadOnlyList<IFittedModel> members, Func<int, int> outputs)
    {
        for (int j = 0; j < members.Count; j++)
        {
            if (members[j] is not ITreeEnsembleModel tm) return false;
            var e = tm.Ensemble;
            if (e.Link != RawOutputLink.Identity || e.OutputCount != outputs(j)) return false;
        }
        return true;
    }

    /// <summary>The averaged, remapped ensemble over <paramref name="featureCount"/> original features and <paramref name="outputCount"/> outputs.</summary>
    /// <param name="members">Qualifying members (see <see cref="Qualify"/>).</param>
    /// <param name="columns">Per member, the original column of each of its features.</param>
    /// <param name="featureCount">The bagging model's feature count d.</param>
    /// <param name="outputCount">C for a classifier, 1 for a regressor.</param>
    /// <param name="outputMap">Per member, the ensemble output of each member output, or null for the identity.</param>
    public static TreeEnsemble Combine(IReadOnlyList<IFittedModel> members, IReadOnlyList<int[]> columns, int featureCount, int outputCount,
        Func<int, int[]?> outputMap)
    {
        var trees = new List<TreeStructure>();
        var weights = new List<double>();
        var offsets = new List<int>();
        var baseValue = new double[outputCount];
        double m = members.Count;
        for (int j = 0; j < members.Count; j++)
        {
            var e = ((ITreeEnsembleModel)members[j]).Ensemble;
            var map = outputMap(j) ?? Enumerable.Range(0, e.OutputCount).ToArray();
            for (int o = 0; o < e.OutputCount; o++) baseValue[map[o]] += e.BaseValue[o] / m;
            bool sameColumns = columns[j].Length == featureCount && columns[j].Select((c, i) => c == i).All(b => b);
            for (int t = 0; t < e.Trees.Count; t++)
            {
                var tree = e.Trees[t];
                int first = e.OutputOffsets[t], width = tree.ValueWidth;
                bool consecutive = true;
                for (int k = 1; k < width; k++) consecutive &= map[first + k] == map[first] + k;
                double[]? values = null;
                int offset = map[first], valueWidth = width;
                if (!consecutive)
                {
                    // Widen to all outputs: member output first + k goes to ensemble output map[first + k].
                    var v = tree.Values;
                    values = new double[tree.NodeCount * outputCount];
                    for (int node = 0; node < tree.NodeCount; node++)
                        for (int k = 0; k < width; k++) values[node * outputCount + map[first + k]] = v[node * width + k];
                    (offset, valueWidth) = (0, outputCount);
                }
                trees.Add(sameColumns && values is null ? tree : Remap(tree, columns[j], featureCount, values, valueWidth));
                weights.Add(e.Weights[t] / m);
                offsets.Add(offset);
            }
        }
        return new TreeEnsemble(trees, weights, offsets, baseValue, RawOutputLink.Identity);
    }

    /// <summary>
    /// A copy of <paramref name="tree"/> routing <paramref name="featureCount"/> features, its split feature k replaced
    /// by <paramref name="columns"/>[k], with <paramref name="values"/> (width <paramref name="valueWidth"/>) or its own values.
    /// </summary>
    public static TreeStructure Remap(TreeStructure tree, int[] columns, int featureCount, double[]? values, int valueWidth)
    {
        int m = tree.NodeCount;
        var feature = tree.Feature.ToArray();
        for (int k = 0; k < m; k++)
            if (!tree.IsLeaf(k)) feature[k] = columns[feature[k]];
        uint[]? bitsets = null;
        int[]? categoryOffset = null;
        if (tree.HasCategoricalSplits)
        {
            var words = new List<uint>();
            categoryOffset = new int[m];
            for (int k = 0; k < m; k++)
            {
                if (!tree.IsCategorical(k)) { categoryOffset[k] = -1; continue; }
                categoryOffset[k] = words.Count;
                for (int w = 0; w < TreeStructure.MaxCategories / 32; w++)
                {
                    uint word = 0;
                    for (int b = 0; b < 32; b++)
                        if (tree.CategoryGoesLeft(k, w * 32 + b)) word |= 1u << b;
                    words.Add(word);
                }
            }
            bitsets = [.. words];
        }
        return new TreeStructure(featureCount, valueWidth, tree.LeftChild.ToArray(), tree.RightChild.ToArray(), feature, tree.Threshold.ToArray(),
            tree.MissingGoesLeft.ToArray(), tree.Impurity.ToArray(), tree.SampleCount.ToArray(), tree.WeightedSampleCount.ToArray(),
            values ?? tree.Values.ToArray(), bitsets, categoryOffset);
    }

    /// <summary>The message of the view's absence.</summary>
    public static string NotTrees(string kind) =>
        $"{kind}Model: the tree-ensemble view needs every member to be a tree model with identity link (decision trees, forests, " +
        "squared-error gradient boosting); this ensemble has another base.";
}

/// <summary>
/// A fitted <see cref="BaggingClassifier"/> whose members are all tree models (decision trees, forests, or any
/// <see cref="ITreeEnsembleModel"/> whose raw output is its class probabilities): it is also an
/// <see cref="ITreeEnsembleModel"/>, so <c>TreeShap.Explain</c> and <c>PartialDependence</c> (recursion) accept it.
/// <see cref="BaggingClassifier.Fit{T}"/> and <see cref="BaggingClassifierModel{T}.Load"/> return this type exactly when
/// the view exists; test with <c>model is ITreeEnsembleModel</c> or <see cref="BaggingClassifierModel{T}.TryGetTreeEnsemble"/>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class BaggingClassifierTreeModel<T> : BaggingClassifierModel<T>, ITreeEnsembleModel where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Lazy<TreeEnsemble> ensemble;

    internal BaggingClassifierTreeModel(ClassLabels classes, int featureCount, IClassificationModel<T>[] members, int[][] features, double? oobScore, Tensor<T>? oobDecision)
        : base(classes, featureCount, members, features, oobScore, oobDecision)
    {
        ensemble = new(() => BaggingTrees.Combine(members, features, featureCount, classes.Count,
            j => EnsembleSupport.ClassMap(members[j].Classes, classes)));
    }

    /// <summary>
    /// The members' trees as one additive sum over the original d features and C class outputs, identity link:
    /// <c>raw(x) = (1/m) Σⱼ Pⱼ(· | x[:, Fⱼ])</c> = <see cref="BaggingClassifierModel{T}.PredictProba"/> (up to float64
    /// summation order). Tree t of member j keeps its weight divided by m; its split features are mapped to Fⱼ and its
    /// outputs to the ensemble's classes. Built once, on first use.
    /// </summary>
    public TreeEnsemble Ensemble => ensemble.Value;
}

/// <summary>
/// A fitted <see cref="BaggingRegressor"/> whose members are all tree models with identity link (decision trees,
/// forests, squared-error gradient boosting): it is also an <see cref="ITreeEnsembleModel"/>, so <c>TreeShap.Explain</c>
/// and <c>PartialDependence</c> (recursion, picked automatically for the average) accept it.
/// <see cref="BaggingRegressor.Fit{T}"/> and <see cref="BaggingRegressorModel{T}.Load"/> return this type exactly when
/// the view exists; test with <c>model is ITreeEnsembleModel</c> or <see cref="BaggingRegressorModel{T}.TryGetTreeEnsemble"/>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class BaggingRegressorTreeModel<T> : BaggingRegressorModel<T>, ITreeEnsembleModel where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Lazy<TreeEnsemble> ensemble;

    internal BaggingRegressorTreeModel(int featureCount, IRegressionModel<T>[] members, int[][] features, double? oobScore, Tensor<T>? oobPrediction)
        : base(featureCount, members, features, oobScore, oobPrediction)
    {
        ensemble = new(() => BaggingTrees.Combine(members, features, featureCount, 1, _ => null));
    }

    /// <summary>
    /// The members' trees as one additive sum over the original d features, one output, identity link:
    /// <c>ŷ(x) = (1/m) Σⱼ ŷⱼ(x[:, Fⱼ])</c> = <see cref="BaggingRegressorModel{T}.Predict"/> (up to float64 summation
    /// order). Tree t of member j keeps its weight divided by m and its split features are mapped to Fⱼ. Built once, on first use.
    /// </summary>
    public TreeEnsemble Ensemble => ensemble.Value;
}
