namespace Scratch.ML.Learn.Trees;

/// <summary>What a tree's node values mean to the exporters.</summary>
public enum TreeExportKind
{
    /// <summary>Node values are predicted means (one per output), printed as values.</summary>
    Regressor,
    /// <summary>
    /// Node values are class probabilities (one output); the exporters print scikit-learn's weighted class counts,
    /// probability × the node's weighted sample count, and the majority class.
    /// </summary>
    Classifier,
}

/// <summary>Which nodes of a DOT export carry field labels ("gini = ", "samples = " …): scikit-learn's <c>label</c>.</summary>
public enum DotLabels
{
    /// <summary>Every node (scikit-learn's default "all").</summary>
    All,
    /// <summary>Only the root ("root").</summary>
    Root,
    /// <summary>No node ("none").</summary>
    None,
}

/// <summary>
/// Options of <see cref="TreeExport.ToText(TreeStructure, TreeExportKind, TextExportOptions?)"/>, named and defaulted
/// as scikit-learn 1.2's <c>export_text</c>.
/// </summary>
/// <param name="FeatureNames">d feature names, or null for "feature_0", "feature_1", ….</param>
/// <param name="ClassNames">A classifier's class names (its labels as text), or null for "0", "1", ….</param>
/// <param name="MaxDepth">Levels printed (≥ 0); deeper branches become "truncated branch of depth k".</param>
/// <param name="Decimals">Digits after the point for thresholds and values (≥ 0).</param>
/// <param name="ShowWeights">For a classifier, print each leaf's weighted class counts before its class.</param>
/// <param name="Spacing">Characters per indentation level (≥ 1).</param>
public sealed record TextExportOptions(IReadOnlyList<string>? FeatureNames = null, IReadOnlyList<string>? ClassNames = null,
    int MaxDepth = 10, int Decimals = 2, bool ShowWeights = false, int Spacing = 3);

/// <summary>
/// Options of <see cref="TreeExport.ToDot(TreeStructure, TreeExportKind, DotExportOptions?)"/>, named and defaulted as
/// scikit-learn 1.2's <c>export_graphviz</c>.
/// </summary>
/// <param name="FeatureNames">d feature names, or null for "x[0]", "x[1]", ….</param>
/// <param name="ClassNames">A classifier's class names printed as "class = name", or null (see <paramref name="SymbolicClassNames"/>).</param>
/// <param name="SymbolicClassNames">Print "class = y[k]" (scikit-learn's <c>class_names=True</c>) when no names are given.</param>
/// <param name="MaxDepth">Levels drawn, or null for all; deeper nodes are drawn as "(...)".</param>
/// <param name="Label">Which nodes carry field labels.</param>
/// <param name="Filled">Fill nodes with the majority class's colour (classifier), the value's intensity (regressor) or the impurity (several outputs).</param>
/// <param name="LeavesParallel">Draw all leaves at the bottom (one "rank=same" group per depth).</param>
/// <param name="Impurity">Show each node's impurity.</param>
/// <param name="NodeIds">Show each node's id ("node #k").</param>
/// <param name="Proportion">Show samples as a percentage of the root's and class values as proportions.</param>
/// <param name="Rotate">Lay the tree out left to right.</param>
/// <param name="Rounded">Rounded node boxes.</param>
/// <param name="SpecialCharacters">HTML-like labels (&lt;SUB&gt;, &amp;le;) instead of plain text.</param>
/// <param name="Precision">Digits after the point for thresholds, impurities and values (≥ 0), rounded as NumPy rounds.</param>
/// <param name="FontName">The font of nodes and edges.</param>
/// <param name="Criterion">The impurity label ("gini", "squared_error" …); scikit-learn prints "impurity" for a bare tree.</param>
public sealed record DotExportOptions(IReadOnlyList<string>? FeatureNames = null, IReadOnlyList<string>? ClassNames = null,
    bool SymbolicClassNames = false, int? MaxDepth = null, DotLabels Label = DotLabels.All, bool Filled = false,
    bool LeavesParallel = false, bool Impurity = true, bool NodeIds = false, bool Proportion = false, bool Rotate = false,
    bool Rounded = false, bool SpecialCharacters = false, int Precision = 3, string FontName = "helvetica", string Criterion = "impurity");
