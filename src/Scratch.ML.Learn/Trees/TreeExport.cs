using System.Globalization;
using System.Text;

namespace Scratch.ML.Learn.Trees;

/// <summary>
/// Teaching views of a fitted tree: the indented rules of scikit-learn's <c>export_text</c> and the Graphviz DOT
/// source of its <c>export_graphviz</c>, reproduced character for character (scikit-learn 1.2, checked against its
/// output in tests/reference/sklearn_treeshap.py). Render DOT with Graphviz (<c>dot -Tsvg tree.dot</c>).
/// </summary>
/// <remarks>
/// A classifier's node values here are class probabilities, where scikit-learn 1.2 stores weighted class counts; the
/// exporters print count = probability × the node's weighted sample count, snapping to the integer within a relative
/// 1e-12 so that unweighted trees print "[50, 0, 0]" as scikit-learn does. Only single-output classifiers are
/// supported; regressors may have several outputs.
/// </remarks>
public static partial class TreeExport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The rules of <paramref name="tree"/> as indented text (scikit-learn's <c>export_text</c>): one line
    /// "|--- name &lt;= threshold" per split with the left subtree below it, then "|--- name &gt;  threshold" with the
    /// right subtree; leaves print "value: [v]" (regressor) or "class: c" (classifier, with "weights: [counts]"
    /// when <see cref="TextExportOptions.ShowWeights"/>).
    /// </summary>
    /// <param name="tree">A fitted tree.</param>
    /// <param name="kind">Whether node values are regression means or class probabilities.</param>
    /// <param name="options">Names, depth limit, digits, spacing; null for scikit-learn's defaults.</param>
    /// <returns>The report, each line ending with "\n".</returns>
    /// <exception cref="ArgumentException">An option is out of range or a name list has the wrong length.</exception>
    public static string ToText(TreeStructure tree, TreeExportKind kind, TextExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var o = options ?? new TextExportOptions();
        if (o.MaxDepth < 0) throw new ArgumentOutOfRangeException(nameof(options), o.MaxDepth, "TreeExport.ToText: MaxDepth must be ≥ 0.");
        if (o.Spacing < 1) throw new ArgumentOutOfRangeException(nameof(options), o.Spacing, "TreeExport.ToText: Spacing must be ≥ 1.");
        if (o.Decimals < 0) throw new ArgumentOutOfRangeException(nameof(options), o.Decimals, "TreeExport.ToText: Decimals must be ≥ 0.");
        CheckNames(tree, kind, o.FeatureNames, o.ClassNames, "ToText");
        var sb = new StringBuilder();
        Text(tree, kind, o, 0, 1, sb);
        return sb.ToString();
    }

    private static void Text(TreeStructure tree, TreeExportKind kind, TextExportOptions o, int node, int depth, StringBuilder sb)
    {
        var indent = new StringBuilder();
        for (int i = 0; i < depth; i++) indent.Append('|').Append(' ', o.Spacing);
        indent.Length -= o.Spacing;
        indent.Append('-', o.Spacing);
        string ind = indent.ToString();
        if (depth <= o.MaxDepth + 1)
        {
            if (tree.IsLeaf(node)) { Leaf(tree, kind, o, node, ind, sb); return; }
            int f = tree.Feature[node];
            string name = o.FeatureNames is { Count: > 0 } ? o.FeatureNames[f] : "feature_" + f.ToString(Inv);
            string threshold = PyFormat.Fixed(tree.Threshold[node], o.Decimals);
            sb.Append(ind).Append(' ').Append(name).Append(" <= ").Append(threshold).Append('\n');
            Text(tree, kind, o, tree.LeftChild[node], depth + 1, sb);
            sb.Append(ind).Append(' ').Append(name).Append(" >  ").Append(threshold).Append('\n');
            Text(tree, kind, o, tree.RightChild[node], depth + 1, sb);
        }
        else if (tree.IsLeaf(node)) Leaf(tree, kind, o, node, ind, sb);
        else sb.Append(ind).Append(" truncated branch of depth ").Append(SubtreeDepth(tree, node).ToString(Inv)).Append('\n');
    }

    private static void Leaf(TreeStructure tree, TreeExportKind kind, TextExportOptions o, int node, string indent, StringBuilder sb)
    {
        bool classifier = kind == TreeExportKind.Classifier;
        string val = "";
        if (o.ShowWeights || !classifier)
        {
            var v = classifier ? Counts(tree, node) : tree.Value(node).ToArray();
            val = "[" + string.Join(", ", v.Select(x => PyFormat.Fixed(x, o.Decimals))) + "]";
        }
        if (classifier) val += " class: " + ClassName(o.ClassNames, ArgMax(tree.Value(node)));
        sb.Append(indent).Append(classifier ? (o.ShowWeights ? " weights: " : "") : " value: ").Append(val).Append('\n');
    }

    /// <summary>Levels of the subtree rooted at <paramref name="node"/> (1 for a leaf), scikit-learn's <c>_compute_depth</c>.</summary>
    private static int SubtreeDepth(TreeStructure tree, int node) =>
        tree.IsLeaf(node) ? 1 : 1 + Math.Max(SubtreeDepth(tree, tree.LeftChild[node]), SubtreeDepth(tree, tree.RightChild[node]));

    /// <summary>A classifier node's weighted class counts: probability × weighted samples, snapped to integers within 1e-12 relative.</summary>
    internal static double[] Counts(TreeStructure tree, int node)
    {
        var p = tree.Value(node);
        double w = tree.WeightedSampleCount[node];
        var c = new double[p.Length];
        for (int k = 0; k < c.Length; k++)
        {
            double v = p[k] * w, r = Math.Round(v);
            c[k] = Math.Abs(v - r) <= 1e-12 * Math.Max(1, Math.Abs(r)) ? r : v;
        }
        return c;
    }

    /// <summary>Index of the first maximum (NumPy's argmax).</summary>
    internal static int ArgMax(ReadOnlySpan<double> v)
    {
        int best = 0;
        for (int k = 1; k < v.Length; k++) if (v[k] > v[best]) best = k;
        return best;
    }

    private static string ClassName(IReadOnlyList<string>? names, int k) => names is null ? k.ToString(Inv) : names[k];

    private static void CheckNames(TreeStructure tree, TreeExportKind kind, IReadOnlyList<string>? features, IReadOnlyList<string>? classes, string method)
    {
        if (features is not null && features.Count != tree.FeatureCount)
            throw new ArgumentException($"TreeExport.{method}: {features.Count} feature names for a tree of {tree.FeatureCount} features.", nameof(features));
        if (classes is not null && kind == TreeExportKind.Classifier && classes.Count != tree.ValueWidth)
            throw new ArgumentException($"TreeExport.{method}: {classes.Count} class names for a classifier tree of {tree.ValueWidth} classes.", nameof(classes));
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, $"TreeExport.{method}: unknown tree kind.");
    }
}
