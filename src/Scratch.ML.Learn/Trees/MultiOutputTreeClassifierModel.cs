using System.Numerics;

namespace Scratch.ML.Learn.Trees;

/// <summary>
/// A <see cref="DecisionTreeClassifier"/> fitted to several label columns at once
/// (<see cref="DecisionTreeClassifier.FitMultiOutput{T}"/>; scikit-learn's classifier with a 2-d y): ONE tree whose
/// splits minimise the impurity averaged over the outputs, and whose nodes hold, for every output o, the class
/// probabilities of that output (C_o values), side by side.
/// </summary>
/// <remarks>
/// A node value is laid out as [p(output 0 classes) | p(output 1 classes) | …]: output o's block starts at
/// <see cref="OutputOffset"/>(o). As a <see cref="TreeEnsemble"/> the model has Σ_o C_o raw outputs (the
/// probabilities), so TreeSHAP explains every class of every output at once.
/// </remarks>
/// <typeparam name="T">float or double (the element type of x).</typeparam>
public sealed class MultiOutputTreeClassifierModel<T> : ILoadableModel<MultiOutputTreeClassifierModel<T>>, ITreeEnsembleModel
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "MultiOutputDecisionTreeClassifier";
    private readonly ClassLabels[] classes;
    private readonly int[] offsets;

    internal MultiOutputTreeClassifierModel(DecisionTreeClassifier options, ClassLabels[] classes, TreeStructure tree)
    {
        offsets = new int[classes.Length + 1];
        for (int o = 0; o < classes.Length; o++) offsets[o + 1] = offsets[o] + classes[o].Count;
        if (tree.ValueWidth != offsets[^1])
            throw new InvalidDataException($"{Kind}: the tree stores {tree.ValueWidth} values per node for {offsets[^1]} classes over {classes.Length} outputs.");
        Options = options;
        this.classes = classes;
        Tree = tree;
    }

    /// <summary>The options it was fitted with.</summary>
    public DecisionTreeClassifier Options { get; }

    /// <summary>The classes of each output, sorted (scikit-learn's <c>classes_</c> list).</summary>
    public IReadOnlyList<ClassLabels> Classes => classes;

    /// <summary>Number of label columns.</summary>
    public int Outputs => classes.Length;

    /// <summary>Where output <paramref name="output"/>'s class probabilities start in a node value.</summary>
    public int OutputOffset(int output) => offsets[output];

    /// <summary>The fitted tree; node values are per-output class probabilities (Σ_o C_o per node).</summary>
    public TreeStructure Tree { get; }

    /// <inheritdoc />
    public int FeatureCount => Tree.FeatureCount;

    /// <summary>Depth of the tree (a lone root has depth 0).</summary>
    public int Depth => Tree.MaxDepth;

    /// <summary>Number of leaves.</summary>
    public int LeafCount => Tree.LeafCount;

    /// <summary>Normalised total decrease of the output-averaged impurity per feature: (d).</summary>
    public IReadOnlyList<double> FeatureImportances => TreeInspection.FeatureImportances(Tree);

    /// <inheritdoc />
    public TreeEnsemble Ensemble => new([Tree], [1.0], [0], new double[Tree.ValueWidth]);

    private bool AllowNaN => Options.Capabilities.HandlesMissingValues;

    /// <summary>The leaf id each row of x (n, d) reaches: (n).</summary>
    /// <exception cref="ArgumentException">x has the wrong shape or unsupported values.</exception>
    public int[] Apply(Tensor<T> x) => Tree.Apply(InputChecks.Features(Kind, x, FeatureCount, AllowNaN));

    /// <summary>The nodes each row of x (n, d) passes through (scikit-learn's <c>decision_path</c>).</summary>
    public TreeDecisionPath DecisionPath(Tensor<T> x) => TreeInspection.DecisionPath(Tree, InputChecks.Features(Kind, x, FeatureCount, AllowNaN));

    /// <summary>Per output o, P(class | row): a list of <see cref="Outputs"/> tensors of shape (n, C_o) (scikit-learn's list from <c>predict_proba</c>).</summary>
    public IReadOnlyList<Tensor<T>> PredictProba(Tensor<T> x)
    {
        var leaves = Apply(x);
        var result = new Tensor<T>[Outputs];
        for (int o = 0; o < Outputs; o++)
        {
            int c = classes[o].Count, at = offsets[o];
            var p = new T[leaves.Length * c];
            for (int i = 0; i < leaves.Length; i++)
            {
                var v = Tree.Value(leaves[i]);
                for (int k = 0; k < c; k++) p[i * c + k] = T.CreateTruncating(v[at + k]);
            }
            result[o] = Tensor.FromArray(p, leaves.Length, c);
        }
        return result;
    }

    /// <summary>Per output, the most probable class of each row (the first on ties, as scikit-learn's argmax): <see cref="Outputs"/> label vectors of length n.</summary>
    public IReadOnlyList<Labels> Predict(Tensor<T> x)
    {
        var leaves = Apply(x);
        var result = new Labels[Outputs];
        for (int o = 0; o < Outputs; o++)
        {
            int at = offsets[o], c = classes[o].Count;
            var codes = new int[leaves.Length];
            for (int i = 0; i < leaves.Length; i++)
            {
                var v = Tree.Value(leaves[i]).Slice(at, c);
                int best = 0;
                for (int k = 1; k < c; k++) if (v[k] > v[best]) best = k;
                codes[i] = best;
            }
            result[o] = classes[o].Decode(codes);
        }
        return result;
    }

    /// <summary>Subset accuracy: the fraction of rows whose every output is predicted right.</summary>
    /// <exception cref="ArgumentException">y does not hold one label vector of length n per output.</exception>
    public double Score(Tensor<T> x, IReadOnlyList<Labels> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (y.Count != Outputs) throw new ArgumentException($"{Kind}: y has {y.Count} outputs, the model {Outputs}.", nameof(y));
        var predicted = Predict(x);
        int n = x.Shape[0], right = 0;
        for (int o = 0; o < Outputs; o++)
        {
            if (y[o].Length != n) throw new ArgumentException($"{Kind}: y[{o}] has {y[o].Length} labels for {n} rows.", nameof(y));
            if (y[o].IsString != predicted[o].IsString)
                throw new ArgumentException($"{Kind}: y[{o}] holds {(y[o].IsString ? "strings" : "integers")}, the classes are not.", nameof(y));
        }
        for (int i = 0; i < n; i++)
        {
            bool all = true;
            for (int o = 0; o < Outputs && all; o++)
                all = predicted[o].IsString ? predicted[o].Strings![i] == y[o].Strings![i] : predicted[o].Ints![i] == y[o].Ints![i];
            if (all) right++;
        }
        return (double)right / n;
    }

    /// <inheritdoc />
    public void Save(Stream stream)
    {
        var meta = new Dictionary<string, string>
        {
            ["classes"] = string.Join('\n', classes.Select(c => c.ToMetadata())),
            ["outputs"] = Outputs.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["class_weight"] = DecisionTreeSettings.Format(Options.ClassWeight),
        };
        Options.Settings.WriteTo(meta);
        ModelFile.Write<T>(stream, Kind, DecisionTreeSettings.TreeTensors(Tree), meta);
    }

    /// <inheritdoc />
    public static MultiOutputTreeClassifierModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        var options = DecisionTreeClassifier.Read(f.Option);
        var lines = f.Option("classes").Split('\n');
        if (lines.Length != (int)f.Number("outputs"))
            throw new InvalidDataException($"{Kind}: the file lists classes for {lines.Length} outputs but says {f.Option("outputs")}.");
        return new MultiOutputTreeClassifierModel<T>(options, [.. lines.Select(ClassLabels.FromMetadata)], TreeStructure.Read(f.File, "tree."));
    }
}
