using System.Text.Json;
using Scratch.ML.Learn.Trees;
using Xunit;
using static Scratch.ML.Tests.Learn.Inspection.TreeShapTestTrees;

namespace Scratch.ML.Tests.Learn.Trees;

/// <summary>
/// TreeExport.ToText / ToDot against scikit-learn 1.2's export_text / export_graphviz, character for character, on
/// trees rebuilt from sklearn's tree_ arrays (tests/reference/sklearn_treeshap.py → export.json).
/// </summary>
public class TreeExportTests
{
    private static readonly JsonElement Cases = Fixture("export.json").GetProperty("cases");

    public static TheoryData<string, int> TextCases() => Expand("text");

    public static TheoryData<string, int> DotCases() => Expand("dot");

    private static TheoryData<string, int> Expand(string kind)
    {
        var data = new TheoryData<string, int>();
        foreach (var c in Cases.EnumerateObject())
            for (int i = 0; i < c.Value.GetProperty(kind).GetArrayLength(); i++) data.Add(c.Name, i);
        return data;
    }

    private static string[]? Names(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(s => s.GetString()!).ToArray() : null;

    private static T Opt<T>(JsonElement o, string name, Func<JsonElement, T> get, T fallback) => o.TryGetProperty(name, out var v) ? get(v) : fallback;

    [Theory]
    [MemberData(nameof(TextCases))]
    public void TextMatchesSklearnExportText(string name, int index)
    {
        var c = Cases.GetProperty(name);
        var tree = TreeFrom(c.GetProperty("tree"));
        var kind = c.GetProperty("classifier").GetBoolean() ? TreeExportKind.Classifier : TreeExportKind.Regressor;
        var t = c.GetProperty("text")[index];
        var o = t.GetProperty("options");
        var options = new TextExportOptions(Names(o, "feature_names"), Names(c, "class_labels"), Opt(o, "max_depth", v => v.GetInt32(), 10),
            Opt(o, "decimals", v => v.GetInt32(), 2), Opt(o, "show_weights", v => v.GetBoolean(), false), Opt(o, "spacing", v => v.GetInt32(), 3));
        Assert.Equal(t.GetProperty("expected").GetString(), TreeExport.ToText(tree, kind, options));
    }

    [Theory]
    [MemberData(nameof(DotCases))]
    public void DotMatchesSklearnExportGraphviz(string name, int index)
    {
        var c = Cases.GetProperty(name);
        var tree = TreeFrom(c.GetProperty("tree"));
        var kind = c.GetProperty("classifier").GetBoolean() ? TreeExportKind.Classifier : TreeExportKind.Regressor;
        var t = c.GetProperty("dot")[index];
        var o = t.GetProperty("options");
        bool symbolic = o.TryGetProperty("class_names", out var cn) && cn.ValueKind == JsonValueKind.True;
        var options = new DotExportOptions(
            FeatureNames: Names(o, "feature_names"), ClassNames: Names(o, "class_names"), SymbolicClassNames: symbolic,
            MaxDepth: Opt<int?>(o, "max_depth", v => v.GetInt32(), null),
            Label: Opt(o, "label", v => v.GetString() switch { "root" => DotLabels.Root, "none" => DotLabels.None, _ => DotLabels.All }, DotLabels.All),
            Filled: Opt(o, "filled", v => v.GetBoolean(), false), LeavesParallel: Opt(o, "leaves_parallel", v => v.GetBoolean(), false),
            Impurity: Opt(o, "impurity", v => v.GetBoolean(), true), NodeIds: Opt(o, "node_ids", v => v.GetBoolean(), false),
            Proportion: Opt(o, "proportion", v => v.GetBoolean(), false), Rotate: Opt(o, "rotate", v => v.GetBoolean(), false),
            Rounded: Opt(o, "rounded", v => v.GetBoolean(), false), SpecialCharacters: Opt(o, "special_characters", v => v.GetBoolean(), false),
            Precision: Opt(o, "precision", v => v.GetInt32(), 3), FontName: Opt(o, "fontname", v => v.GetString()!, "helvetica"),
            Criterion: c.GetProperty("criterion").GetString()!);
        Assert.Equal(t.GetProperty("expected").GetString(), TreeExport.ToDot(tree, kind, options));
    }

    [Fact]
    public void BadOptionsFailClearly()
    {
        var tree = new TreeStructure(2, 1, [1, -1, -1], [2, -1, -1], [0, -2, -2], [0.5, -2, -2], new bool[3], new double[3], [2, 1, 1], [2, 1, 1], [0.5, 0, 1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => TreeExport.ToText(tree, TreeExportKind.Regressor, new TextExportOptions(MaxDepth: -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TreeExport.ToText(tree, TreeExportKind.Regressor, new TextExportOptions(Spacing: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TreeExport.ToText(tree, TreeExportKind.Regressor, new TextExportOptions(Decimals: -1)));
        Assert.Contains("3 feature names", Assert.Throws<ArgumentException>(() => TreeExport.ToText(tree, TreeExportKind.Regressor, new TextExportOptions(["a", "b", "c"]))).Message);
        Assert.Contains("2 class names", Assert.Throws<ArgumentException>(() => TreeExport.ToDot(tree, TreeExportKind.Classifier, new DotExportOptions(ClassNames: ["a", "b"]))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => TreeExport.ToDot(tree, TreeExportKind.Regressor, new DotExportOptions(Precision: -1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TreeExport.ToDot(tree, (TreeExportKind)7));
        Assert.Throws<ArgumentNullException>(() => TreeExport.ToDot(null!, TreeExportKind.Regressor));
    }
}
