using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Trees;

/// <summary>A fitted <see cref="DecisionTreeRegressor"/>: one tree whose leaves hold the predicted value per output.</summary>
/// <typeparam name="T">float or double (the element type of x and y).</typeparam>
public sealed class DecisionTreeRegressorModel<T> : IRegressionModel<T>, ILoadableModel<DecisionTreeRegressorModel<T>>, ITreeEnsembleModel
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "DecisionTreeRegressor";
    private readonly bool vectorTarget;

    internal DecisionTreeRegressorModel(DecisionTreeRegressor options, TreeStructure tree, bool vectorTarget)
    {
        if (vectorTarget && tree.ValueWidth != 1)
            throw new InvalidDataException($"{Kind}: a single-output model's tree must store 1 value per node, got {tree.ValueWidth}.");
        Options = options;
        Tree = tree;
        this.vectorTarget = vectorTarget;
    }

    /// <summary>The options it was fitted with.</summary>
    public DecisionTreeRegressor Options { get; }

    /// <summary>The fitted tree (scikit-learn's <c>tree_</c>); node values are the per-output predictions.</summary>
    public TreeStructure Tree { get; }

    /// <summary>Number of outputs k (1 for a 1-d target).</summary>
    public int OutputCount => Tree.ValueWidth;

    /// <inheritdoc />
    public int FeatureCount => Tree.FeatureCount;

    /// <summary>Depth of the tree (a lone root has depth 0).</summary>
    public int Depth => Tree.MaxDepth;

    /// <summary>Number of leaves.</summary>
    public int LeafCount => Tree.LeafCount;

    /// <summary>Normalised total impurity decrease per feature: (d).</summary>
    public IReadOnlyList<double> FeatureImportances => TreeInspection.FeatureImportances(Tree);

    /// <inheritdoc />
    public TreeEnsemble Ensemble => new([Tree], [1.0], [0], new double[OutputCount]);

    private bool AllowNaN => Options.Capabilities.HandlesMissingValues;

    /// <summary>The leaf id each row of x (n, d) reaches: (n).</summary>
    public int[] Apply(Tensor<T> x) => Tree.Apply(InputChecks.Features(Kind, x, FeatureCount, AllowNaN));

    /// <summary>The nodes each row of x (n, d) passes through (scikit-learn's <c>decision_path</c>).</summary>
    public TreeDecisionPath DecisionPath(Tensor<T> x) => TreeInspection.DecisionPath(Tree, InputChecks.Features(Kind, x, FeatureCount, AllowNaN));

    /// <summary>Predictions: (n) for a 1-d target, (n, k) for a multi-output fit.</summary>
    public Tensor<T> Predict(Tensor<T> x)
    {
        var leaves = Apply(x);
        int k = OutputCount;
        var p = new T[leaves.Length * k];
        for (int i = 0; i < leaves.Length; i++)
        {
            var v = Tree.Value(leaves[i]);
            for (int j = 0; j < k; j++) p[i * k + j] = T.CreateTruncating(v[j]);
        }
        return vectorTarget ? Tensor.FromArray(p, leaves.Length) : Tensor.FromArray(p, leaves.Length, k);
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var meta = new Dictionary<string, string> { ["vector_target"] = vectorTarget.ToString(CultureInfo.InvariantCulture) };
        Options.Settings.WriteTo(meta);
        ModelFile.Write<T>(stream, Kind, DecisionTreeSettings.TreeTensors(Tree), meta);
    }

    /// <inheritdoc />
    public static DecisionTreeRegressorModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var s = DecisionTreeSettings.Read(f.Option);
        var options = new DecisionTreeRegressor(s.Criterion, s.Splitter, s.MaxDepth, s.MinSamplesSplit, s.MinSamplesLeaf, s.MinWeightFractionLeaf,
            s.MaxFeatures, s.MaxLeafNodes, s.MinImpurityDecrease, s.CcpAlpha, s.Seed);
        return new DecisionTreeRegressorModel<T>(options, TreeStructure.Read(f.File, "tree."), f.Flag("vector_target"));
    }
}
