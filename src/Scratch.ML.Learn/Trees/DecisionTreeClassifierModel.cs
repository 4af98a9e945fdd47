using System.Numerics;

namespace Scratch.ML.Learn.Trees;

/// <summary>A fitted <see cref="DecisionTreeClassifier"/>: one tree whose leaves hold class probabilities.</summary>
/// <typeparam name="T">float or double (the element type of x).</typeparam>
public sealed class DecisionTreeClassifierModel<T> : IProbabilisticModel<T>, ILoadableModel<DecisionTreeClassifierModel<T>>, ITreeEnsembleModel
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "DecisionTreeClassifier";

    internal DecisionTreeClassifierModel(DecisionTreeClassifier options, ClassLabels classes, TreeStructure tree)
    {
        if (tree.ValueWidth != classes.Count)
            throw new InvalidDataException($"{Kind}: the tree stores {tree.ValueWidth} values per node for {classes.Count} classes.");
        Options = options;
        Classes = classes;
        Tree = tree;
    }

    /// <summary>The options it was fitted with.</summary>
    public DecisionTreeClassifier Options { get; }

    /// <inheritdoc />
    public ClassLabels Classes { get; }

    /// <summary>The fitted tree (scikit-learn's <c>tree_</c>); node values are class probabilities (C per node).</summary>
    public TreeStructure Tree { get; }

    /// <inheritdoc />
    public int FeatureCount => Tree.FeatureCount;

    /// <summary>Depth of the tree (a lone root has depth 0; scikit-learn's <c>get_depth()</c>).</summary>
    public int Depth => Tree.MaxDepth;

    /// <summary>Number of leaves (scikit-learn's <c>get_n_leaves()</c>).</summary>
    public int LeafCount => Tree.LeafCount;

    /// <summary>Normalised total impurity decrease per feature: (d), sums to 1 unless the tree is a lone leaf.</summary>
    public IReadOnlyList<double> FeatureImportances => TreeInspection.FeatureImportances(Tree);

    /// <inheritdoc />
    public TreeEnsemble Ensemble => new([Tree], [1.0], [0], new double[Classes.Count]);

    private bool AllowNaN => Options.Capabilities.HandlesMissingValues;

    /// <summary>The leaf id each row of x (n, d) reaches: (n).</summary>
    /// <exception cref="ArgumentException">x has the wrong shape or unsupported values.</exception>
    public int[] Apply(Tensor<T> x) => Tree.Apply(InputChecks.Features(Kind, x, FeatureCount, AllowNaN));

    /// <summary>The nodes each row of x (n, d) passes through (scikit-learn's <c>decision_path</c>).</summary>
    public TreeDecisionPath DecisionPath(Tensor<T> x) => TreeInspection.DecisionPath(Tree, InputChecks.Features(Kind, x, FeatureCount, AllowNaN));

    /// <inheritdoc />
    public Tensor<T> PredictProba(Tensor<T> x)
    {
        var leaves = Apply(x);
        int c = Classes.Count;
        var p = new T[leaves.Length * c];
        for (int i = 0; i < leaves.Length; i++)
        {
            var v = Tree.Value(leaves[i]);
            for (int k = 0; k < c; k++) p[i * c + k] = T.CreateTruncating(v[k]);
        }
        return Tensor.FromArray(p, leaves.Length, c);
    }

    /// <summary>log P(class | row): (n, C); −∞ where a leaf has probability 0 (as scikit-learn).</summary>
    public Tensor<T> PredictLogProba(Tensor<T> x)
    {
        var p = PredictProba(x);
        var a = p.ToArray();
        for (int i = 0; i < a.Length; i++) a[i] = T.Log(a[i]);
        return Tensor.FromArray(a, p.Shape[0], p.Shape[1]);
    }

    /// <inheritdoc />
    public Labels Predict(Tensor<T> x)
    {
        var leaves = Apply(x);
        var codes = new int[leaves.Length];
        for (int i = 0; i < leaves.Length; i++)
        {
            var v = Tree.Value(leaves[i]);
            int best = 0;
            for (int k = 1; k < v.Length; k++) if (v[k] > v[best]) best = k;
            codes[i] = best;
        }
        return Classes.Decode(codes);
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var meta = new Dictionary<string, string> { ["classes"] = Classes.ToMetadata(), ["class_weight"] = DecisionTreeSettings.Format(Options.ClassWeight) };
        Options.Settings.WriteTo(meta);
        ModelFile.Write<T>(stream, Kind, DecisionTreeSettings.TreeTensors(Tree), meta);
    }

    /// <inheritdoc />
    public static DecisionTreeClassifierModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var options = DecisionTreeClassifier.Read(f.Option);
        return new DecisionTreeClassifierModel<T>(options, ClassLabels.FromMetadata(f.Option("classes")), TreeStructure.Read(f.File, "tree."));
    }
}
