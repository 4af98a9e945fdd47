namespace Scratch.ML;

/// <summary>
/// A parsed Einstein-summation expression such as <c>"bij,bjk-&gt;bik"</c>: for each operand the label of each of its
/// axes, the output labels, and the size of every label. Labels 0–51 are the letters a–z, A–Z; labels from 52 on
/// stand for the broadcast dimensions of an ellipsis (<c>...</c>), right-aligned across operands as in NumPy.
/// </summary>
/// <remarks>
/// Implicit mode (no <c>-&gt;</c>): the output is the ellipsis dimensions followed by the letters that occur exactly once,
/// in alphabetical (ASCII) order — so <c>"ij,jk"</c> is a matrix product and <c>"ii"</c> a trace.
/// </remarks>
internal sealed class EinsumExpression
{
    internal const int LetterCount = 52;

    /// <summary>Per operand, the label of each axis (repeats allowed: a diagonal).</summary>
    public required int[][] Inputs { get; init; }
    /// <summary>The output labels, distinct.</summary>
    public required int[] Output { get; init; }
    /// <summary>The size of each label (ellipsis labels: the broadcast size).</summary>
    public required int[] Sizes { get; init; }

    public static string LabelName(int label) => label < 26 ? ((char)('a' + label)).ToString()
        : label < LetterCount ? ((char)('A' + label - 26)).ToString() : $"...[{label - LetterCount}]";

    private static int LetterLabel(char c) => c is >= 'a' and <= 'z' ? c - 'a' : c is >= 'A' and <= 'Z' ? c - 'A' + 26 : -1;

    /// <summary>Parses one term: its letter labels, with −2 marking where an ellipsis stands.</summary>
    private static List<int> ParseTerm(string expr, string term, int start, string what)
    {
        var labels = new List<int>();
        bool ellipsis = false;
        for (int i = 0; i < term.Length; i++)
        {
            char c = term[i];
            if (c == '.')
            {
                if (i + 2 >= term.Length || term[i + 1] != '.' || term[i + 2] != '.')
                    throw new ArgumentException($"Einsum: '.' at position {start + i} of \"{expr}\" is not part of an ellipsis '...'.", "subscripts");
                if (ellipsis)
                    throw new ArgumentException($"Einsum: {what} \"{term}\" has more than one ellipsis '...'.", "subscripts");
                ellipsis = true;
                labels.Add(-2);
                i += 2;
                continue;
            }
            int l = LetterLabel(c);
            if (l < 0)
                throw new ArgumentException($"Einsum: invalid character '{c}' at position {start + i} of \"{expr}\"; subscripts are letters a-z, A-Z and '...'.", "subscripts");
            labels.Add(l);
        }
        return labels;
    }

    public static EinsumExpression Parse(string subscripts, ReadOnlySpan<int[]> shapes)
    {
        ArgumentNullException.ThrowIfNull(subscripts);
        string expr = subscripts.Replace(" ", "", StringComparison.Ordinal);
        int arrow = expr.IndexOf("->", StringComparison.Ordinal);
        if (arrow >= 0 && expr.IndexOf("->", arrow + 2, StringComparison.Ordinal) >= 0)
            throw new ArgumentException($"Einsum: \"{subscripts}\" has more than one '->'.", nameof(subscripts));
        string lhs = arrow >= 0 ? expr[..arrow] : expr;
        var terms = lhs.Split(',');
        if (terms.Length != shapes.Length)
            throw new ArgumentException($"Einsum: \"{subscripts}\" names {terms.Length} operand(s) but {shapes.Length} were given.", nameof(subscripts));

        // Letters of each operand, and how many axes its ellipsis covers.
        var parsed = new List<int>[terms.Length];
        var ellipsisRank = new int[terms.Length];
        int maxEllipsis = 0, pos = 0;
        for (int t = 0; t < terms.Length; t++)
        {
            parsed[t] = ParseTerm(expr, terms[t], pos, $"operand {t}");
            pos += terms[t].Length + 1;
            int letters = parsed[t].Count(l => l >= 0);
            bool hasEllipsis = parsed[t].Contains(-2);
            int rank = shapes[t].Length;
            if (hasEllipsis ? letters > rank : letters != rank)
                throw new ArgumentException($"Einsum: operand {t} has shape {Shapes.Format(shapes[t])} (rank {rank}) but its subscripts \"{terms[t]}\" name {letters} ax{(letters == 1 ? "is" : "es")}{(hasEllipsis ? " plus an ellipsis" : "")}.", nameof(subscripts));
            ellipsisRank[t] = hasEllipsis ? rank - letters : 0;
            maxEllipsis = Math.Max(maxEllipsis, ellipsisRank[t]);
        }

        var sizes = Enumerable.Repeat(-1, LetterCount + maxEllipsis).ToArray();
        var inputs = new int[terms.Length][];
        var count = new int[LetterCount + maxEllipsis];
        for (int t = 0; t < terms.Length; t++)
        {
            var axes = new List<int>();
            foreach (int l in parsed[t])
            {
                if (l >= 0) { axes.Add(l); continue; }
                for (int j = 0; j < ellipsisRank[t]; j++) axes.Add(LetterCount + maxEllipsis - ellipsisRank[t] + j);
            }
            inputs[t] = axes.ToArray();
            for (int a = 0; a < axes.Count; a++)
            {
                int l = axes[a], n = shapes[t][a];
                count[l]++;
                if (sizes[l] < 0 || sizes[l] == n) { sizes[l] = n; continue; }
                if (l >= LetterCount && (sizes[l] == 1 || n == 1)) { sizes[l] = Math.Max(sizes[l], n); continue; }
                throw new ArgumentException($"Einsum: label '{LabelName(l)}' has size {sizes[l]} elsewhere but size {n} on axis {a} of operand {t} (shape {Shapes.Format(shapes[t])}).", nameof(subscripts));
            }
        }

        int[] output;
        if (arrow >= 0)
        {
            var outLabels = new List<int>();
            foreach (int l in ParseTerm(expr, expr[(arrow + 2)..], arrow + 2, "the output"))
            {
                if (l == -2)
                {
                    for (int j = 0; j < maxEllipsis; j++) outLabels.Add(LetterCount + j);
                    continue;
                }
                if (count[l] == 0)
                    throw new ArgumentException($"Einsum: output label '{LabelName(l)}' in \"{subscripts}\" does not appear in any input.", nameof(subscripts));
                if (outLabels.Contains(l))
                    throw new ArgumentException($"Einsum: output label '{LabelName(l)}' appears more than once in \"{subscripts}\".", nameof(subscripts));
                outLabels.Add(l);
            }
            output = outLabels.ToArray();
        }
        else
        {
            var outLabels = new List<int>();
            for (int j = 0; j < maxEllipsis; j++) outLabels.Add(LetterCount + j);
            // ASCII order: 'A'..'Z' (labels 26..51) before 'a'..'z' (0..25).
            for (int l = 26; l < LetterCount; l++) if (count[l] == 1) outLabels.Add(l);
            for (int l = 0; l < 26; l++) if (count[l] == 1) outLabels.Add(l);
            output = outLabels.ToArray();
        }
        return new EinsumExpression { Inputs = inputs, Output = output, Sizes = sizes };
    }
}
