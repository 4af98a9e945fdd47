using System.Text;

namespace Scratch.ML.Learn.Trees;

public static partial class TreeExport
{
    /// <summary>
    /// The Graphviz DOT source of <paramref name="tree"/> (scikit-learn's <c>export_graphviz</c>): one box per node
    /// listing the split ("x[3] &lt;= 0.8"), the impurity, the sample count and the value (a classifier's weighted class
    /// counts), edges parent → child with "True"/"False" head labels under the root, nodes in depth-first order.
    /// </summary>
    /// <param name="tree">A fitted tree.</param>
    /// <param name="kind">Whether node values are regression means or class probabilities.</param>
    /// <param name="options">Labels, colours, precision …; null for scikit-learn's defaults.</param>
    /// <returns>The DOT text (ending with "}", no newline, as scikit-learn).</returns>
    /// <exception cref="ArgumentException">An option is out of range or a name list has the wrong length.</exception>
    /// <remarks>The root's left child gets the "True" label (scikit-learn tests <c>node_id == 1</c>, the same node for its trees).</remarks>
    public static string ToDot(TreeStructure tree, TreeExportKind kind, DotExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var o = options ?? new DotExportOptions();
        if (o.Precision < 0) throw new ArgumentOutOfRangeException(nameof(options), o.Precision, "TreeExport.ToDot: Precision must be ≥ 0.");
        if (o.MaxDepth < 0) throw new ArgumentOutOfRangeException(nameof(options), o.MaxDepth, "TreeExport.ToDot: MaxDepth must be ≥ 0 or null.");
        ArgumentNullException.ThrowIfNull(o.FontName, nameof(options));
        ArgumentNullException.ThrowIfNull(o.Criterion, nameof(options));
        CheckNames(tree, kind, o.FeatureNames, o.ClassNames, "ToDot");
        var dot = new DotWriter(tree, kind, o);
        return dot.Write();
    }

    private sealed class DotWriter(TreeStructure tree, TreeExportKind kind, DotExportOptions o)
    {
        // scikit-learn's `characters`: id prefix, subscript open/close, ≤, line break, label open/close.
        private readonly string[] c = o.SpecialCharacters
            ? ["&#35;", "<SUB>", "</SUB>", "&le;", "<br/>", ">", "<"]
            : ["#", "[", "]", "<=", "\\n", "\"", "\""];
        private readonly SortedDictionary<string, List<string>> ranks = new(StringComparer.Ordinal) { ["leaves"] = [] };
        private readonly StringBuilder sb = new();
        private readonly bool classifier = kind == TreeExportKind.Classifier;
        private int[][]? palette;
        private (double Lo, double Hi)? bounds;

        public string Write()
        {
            sb.Append("digraph Tree {\n").Append("node [shape=box");
            var style = new List<string>();
            if (o.Filled) style.Add("filled");
            if (o.Rounded) style.Add("rounded");
            if (style.Count > 0) sb.Append(", style=\"").Append(string.Join(", ", style)).Append("\", color=\"black\"");
            sb.Append(", fontname=\"").Append(o.FontName).Append("\"] ;\n");
            if (o.LeavesParallel) sb.Append("graph [ranksep=equally, splines=polyline] ;\n");
            sb.Append("edge [fontname=\"").Append(o.FontName).Append("\"] ;\n");
            if (o.Rotate) sb.Append("rankdir=LR ;\n");
            Recurse(0, -1, 0);
            if (o.LeavesParallel)
                foreach (var (_, ids) in ranks) sb.Append("{rank=same ; ").Append(string.Join("; ", ids)).Append("} ;\n");
            sb.Append('}');
            return sb.ToString();
        }

        private void Recurse(int node, int parent, int depth)
        {
            string id = node.ToString(Inv);
            if (o.MaxDepth is null || depth <= o.MaxDepth)
            {
                if (tree.IsLeaf(node)) ranks["leaves"].Add(id);
                else if (ranks.TryGetValue(depth.ToString(Inv), out var list)) list.Add(id);
                else ranks[depth.ToString(Inv)] = [id];
                sb.Append(id).Append(" [label=").Append(Label(node));
                if (o.Filled) sb.Append(", fillcolor=\"").Append(FillColor(node)).Append('"');
                sb.Append("] ;\n");
                if (parent >= 0)
                {
                    sb.Append(parent.ToString(Inv)).Append(" -> ").Append(id);
                    if (parent == 0)
                    {
                        bool isLeft = node == tree.LeftChild[0];
                        int angle = (isLeft ? 45 : -45) * (o.Rotate ? -1 : 1);
                        sb.Append(" [labeldistance=2.5, labelangle=").Append(angle.ToString(Inv))
                          .Append(isLeft ? ", headlabel=\"True\"]" : ", headlabel=\"False\"]");
                    }
                    sb.Append(" ;\n");
                }
                if (!tree.IsLeaf(node))
                {
                    Recurse(tree.LeftChild[node], node, depth + 1);
                    Recurse(tree.RightChild[node], node, depth + 1);
                }
            }
            else
            {
                ranks["leaves"].Add(id);
                sb.Append(id).Append(" [label=\"(...)\"");
                if (o.Filled) sb.Append(", fillcolor=\"#C0C0C0\"");
                sb.Append("] ;\n");
                if (parent >= 0) sb.Append(parent.ToString(Inv)).Append(" -> ").Append(id).Append(" ;\n");
            }
        }

        /// <summary>scikit-learn's <c>node_to_str</c>.</summary>
        private string Label(int node)
        {
            bool labels = o.Label == DotLabels.All || (o.Label == DotLabels.Root && node == 0);
            var s = new StringBuilder(c[^1]);
            if (o.NodeIds)
            {
                if (labels) s.Append("node ");
                s.Append(c[0]).Append(node.ToString(Inv)).Append(c[4]);
            }
            if (!tree.IsLeaf(node))
            {
                int f = tree.Feature[node];
                string feature = o.FeatureNames is not null ? o.FeatureNames[f] : "x" + c[1] + f.ToString(Inv) + c[2];
                s.Append(feature).Append(' ').Append(c[3]).Append(' ').Append(PyFormat.RoundRepr(tree.Threshold[node], o.Precision)).Append(c[4]);
            }
            if (o.Impurity)
            {
                if (labels) s.Append(o.Criterion).Append(" = ");
                s.Append(PyFormat.RoundRepr(tree.Impurity[node], o.Precision)).Append(c[4]);
            }
            if (labels) s.Append("samples = ");
            if (o.Proportion)
                s.Append(PyFormat.RoundRepr(100.0 * tree.SampleCount[node] / (double)tree.SampleCount[0], 1)).Append('%').Append(c[4]);
            else
                s.Append(tree.SampleCount[node].ToString(Inv)).Append(c[4]);
            if (labels) s.Append("value = ");
            s.Append(ValueText(node)).Append(c[4]);
            if (classifier && (o.ClassNames is not null || o.SymbolicClassNames))
            {
                if (labels) s.Append("class = ");
                int k = ArgMax(tree.Value(node));
                s.Append(o.ClassNames is not null ? o.ClassNames[k] : "y" + c[1] + k.ToString(Inv) + c[2]);
            }
            if (s.ToString().EndsWith(c[4], StringComparison.Ordinal)) s.Length -= c[4].Length;
            return s.Append(c[5]).ToString();
        }

        /// <summary>The value field exactly as scikit-learn prints it: str(np.round(value).astype("S32")) with quotes and brackets stripped.</summary>
        private string ValueText(int node)
        {
            string raw;
            if (!classifier)
            {
                var words = new List<string>();
                foreach (var v in tree.Value(node)) words.Add("b'" + PyFormat.RoundRepr(v, o.Precision) + "'");
                // one output: a 1-d array of one value; several: a (outputs, 1) column printed one row per line
                raw = words.Count == 1 ? PyFormat.ArrayStr(words) : "[" + string.Join("\n ", words.Select(w => "[" + w + "]")) + "]";
            }
            else
            {
                var v = o.Proportion ? tree.Value(node).ToArray() : Counts(tree, node);
                bool integral = !o.Proportion && v.All(x => x % 1 == 0);
                raw = PyFormat.ArrayStr(v.Select(x => "b'" + (integral ? ((long)x).ToString(Inv) : PyFormat.RoundRepr(x, o.Precision)) + "'").ToList());
            }
            string text = raw.Replace("b'", "'", StringComparison.Ordinal).Replace("' '", ", ", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);
            if (!classifier && tree.ValueWidth == 1) text = text.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
            return text.Replace("\n ", c[4], StringComparison.Ordinal);
        }

        /// <summary>scikit-learn's <c>get_fill_color</c>: the majority class's hue at intensity (p1 − p2)/(1 − p2), or the value's (impurity's) position between the extremes.</summary>
        private string FillColor(int node)
        {
            if (palette is null)
            {
                palette = ColorBrew(classifier ? tree.ValueWidth : 1);
                if (!classifier && tree.ValueWidth > 1) bounds = (-Max(tree.Impurity), -Min(tree.Impurity));
                else if (!classifier && tree.Values.ToArray().Distinct().Count() != 1) bounds = (Min(tree.Values), Max(tree.Values));
            }
            int[] rgb;
            double alpha;
            if (bounds is null)
            {
                var v = classifier ? tree.Value(node).ToArray() : [tree.Value(node)[0]];
                rgb = palette[ArgMax(v)];
                var sorted = v.OrderByDescending(x => x).ToArray();
                alpha = sorted.Length == 1 ? 0 : (sorted[0] - sorted[1]) / (1 - sorted[1]);
            }
            else
            {
                double val = tree.ValueWidth > 1 ? -tree.Impurity[node] : tree.Value(node)[0];
                rgb = palette[0];
                alpha = (val - bounds.Value.Lo) / (bounds.Value.Hi - bounds.Value.Lo);
            }
            var hex = rgb.Select(ch => ((int)Math.Round(alpha * ch + (1 - alpha) * 255, MidpointRounding.ToEven)).ToString("x", Inv).PadLeft(2));
            return "#" + string.Concat(hex);
        }

        private static double Min(ReadOnlySpan<double> v) { double m = double.PositiveInfinity; foreach (var x in v) m = Math.Min(m, x); return m; }

        private static double Max(ReadOnlySpan<double> v) { double m = double.NegativeInfinity; foreach (var x in v) m = Math.Max(m, x); return m; }

        /// <summary>scikit-learn's <c>_color_brew</c>: n hues from 25° in steps of 360/n at saturation 0.75, value 0.9.</summary>
        private static int[][] ColorBrew(int n)
        {
            const double s = 0.75, v = 0.9, chroma = s * v, m = v - chroma;
            var colors = new int[n][];
            for (int i = 0; i < n; i++)
            {
                int h = (int)(25 + i * (360.0 / n));
                double hBar = h / 60.0, x = chroma * (1 - Math.Abs(hBar % 2 - 1));
                (double r, double g, double b) = (int)hBar switch
                {
                    0 => (chroma, x, 0.0), 1 => (x, chroma, 0.0), 2 => (0.0, chroma, x), 3 => (0.0, x, chroma),
                    4 => (x, 0.0, chroma), 5 => (chroma, 0.0, x), _ => (chroma, x, 0.0),
                };
                colors[i] = [(int)(255 * (r + m)), (int)(255 * (g + m)), (int)(255 * (b + m))];
            }
            return colors;
        }
    }
}
