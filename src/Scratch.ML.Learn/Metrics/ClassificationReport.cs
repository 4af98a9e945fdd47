using System.Globalization;
using System.Text;

namespace Scratch.ML.Learn.Metrics;

/// <summary>One averaged row of a <see cref="ClassificationReport{TLabel}"/>.</summary>
/// <param name="Precision">Averaged precision.</param>
/// <param name="Recall">Averaged recall.</param>
/// <param name="F1">Averaged F1.</param>
/// <param name="Support">Total (weighted) support of the reported labels.</param>
public readonly record struct ReportAverage(double Precision, double Recall, double F1, double Support);

/// <summary>
/// scikit-learn's <c>classification_report</c> as data: per-class precision/recall/F1/support and the micro (or
/// accuracy), macro and weighted averages. <see cref="ToText"/> renders the same table as scikit-learn.
/// </summary>
/// <param name="PerClass">Per-class scores (β = 1) in label order.</param>
/// <param name="Accuracy">The accuracy row, present when the reported labels are all the labels of yTrue ∪ yPred (then micro average = accuracy); otherwise null.</param>
/// <param name="Micro">The micro-average row when <paramref name="Accuracy"/> is null; otherwise null.</param>
/// <param name="Macro">The macro-average row.</param>
/// <param name="Weighted">The support-weighted average row.</param>
/// <param name="WeightedSupport">Whether sample weights were given: supports are then printed as floats (Python's repr, e.g. "0.0"), otherwise as integers, as scikit-learn does.</param>
public sealed record ClassificationReport<TLabel>(PrecisionRecallFScore<TLabel> PerClass, double? Accuracy, ReportAverage? Micro,
    ReportAverage Macro, ReportAverage Weighted, bool WeightedSupport = false)
{
    /// <summary>
    /// The text table of scikit-learn 1.2 (<c>classification_report(..., digits)</c>): header, one row per class, then
    /// <c>accuracy</c> (or <c>micro avg</c>), <c>macro avg</c>, <c>weighted avg</c>. Labels are written with
    /// <c>ToString()</c> (invariant culture for formattable types); supports print as integers, or with sample weights as
    /// Python prints a float (shortest round-trip digits, at least one decimal).
    /// </summary>
    /// <param name="digits">Decimals of the scores, ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">digits &lt; 0.</exception>
    public string ToText(int digits = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        var names = PerClass.Labels.Select(l => l is IFormattable f ? f.ToString(null, CultureInfo.InvariantCulture) : l?.ToString() ?? "").ToArray();
        int width = Math.Max(Math.Max(names.Length == 0 ? 0 : names.Max(s => s.Length), "weighted avg".Length), digits);
        var sb = new StringBuilder();
        sb.Append(new string(' ', width)).Append(' ');
        foreach (var h in new[] { "precision", "recall", "f1-score", "support" }) sb.Append(' ').Append(h.PadLeft(9));
        sb.Append("\n\n");
        for (int i = 0; i < names.Length; i++)
            Row(sb, names[i], width, digits, PerClass.Precision[i], PerClass.Recall[i], PerClass.FScore[i], PerClass.Support[i]);
        sb.Append('\n');
        if (Accuracy is double acc)
        {
            sb.Append("accuracy".PadLeft(width)).Append(' ').Append(' ', 20)
              .Append(' ').Append(Fixed(acc, digits).PadLeft(9)).Append(' ').Append(Support(Macro.Support).PadLeft(9)).Append('\n');
        }
        else if (Micro is ReportAverage mi) Row(sb, "micro avg", width, digits, mi.Precision, mi.Recall, mi.F1, mi.Support);
        Row(sb, "macro avg", width, digits, Macro.Precision, Macro.Recall, Macro.F1, Macro.Support);
        Row(sb, "weighted avg", width, digits, Weighted.Precision, Weighted.Recall, Weighted.F1, Weighted.Support);
        return sb.ToString();
    }

    /// <inheritdoc cref="ToText"/>
    public override string ToString() => ToText();

    private string Support(double s)
    {
        if (!WeightedSupport) return ((long)s).ToString(CultureInfo.InvariantCulture);
        var r = s.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        return r.Contains('.') || r.Contains('e') || !double.IsFinite(s) ? r : r + ".0";
    }

    private void Row(StringBuilder sb, string name, int width, int digits, double p, double r, double f, double s)
    {
        sb.Append(name.PadLeft(width)).Append(' ');
        foreach (var v in new[] { p, r, f }) sb.Append(' ').Append(Fixed(v, digits).PadLeft(9));
        sb.Append(' ').Append(Support(s).PadLeft(9)).Append('\n');
    }

    private static string Fixed(double v, int digits) => v.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

}

public static partial class ClassificationMetrics
{
    /// <summary>
    /// scikit-learn's <c>classification_report</c>: per-class precision, recall, F1 and support plus the averages (see
    /// <see cref="PrecisionRecallFScoreSupport{TLabel}"/> for the formulas and the 0/0 convention).
    /// </summary>
    /// <param name="yTrue">True labels, length n ≥ 1.</param>
    /// <param name="yPred">Predicted labels, length n.</param>
    /// <param name="labels">Optional labels to report, in this order (default: sorted union of yTrue and yPred).</param>
    /// <param name="sampleWeight">Optional finite non-negative weights, length n.</param>
    /// <param name="zeroDivision">The value of a 0/0 precision or recall: 0 or 1.</param>
    /// <exception cref="ArgumentException">See <see cref="PrecisionRecallFScoreSupport{TLabel}"/>.</exception>
    public static ClassificationReport<TLabel> ClassificationReport<TLabel>(ReadOnlySpan<TLabel> yTrue, ReadOnlySpan<TLabel> yPred,
        TLabel[]? labels = null, ReadOnlySpan<double> sampleWeight = default, double zeroDivision = 0)
        where TLabel : IEquatable<TLabel>, IComparable<TLabel>
    {
        var all = UniqueLabels(yTrue, yPred);
        bool microIsAccuracy = labels is null || new HashSet<TLabel>(labels).SetEquals(all);
        var per = PrecisionRecallFScoreSupport(yTrue, yPred, 1.0, labels, sampleWeight, zeroDivision);
        double support = per.Support.Sum();
        var rows = new ReportAverage[3];
        foreach (var a in new[] { Average.Micro, Average.Macro, Average.Weighted })
        {
            var (p, r, f) = Averaged(yTrue, yPred, 1.0, a, labels, sampleWeight, zeroDivision);
            rows[(int)a] = new ReportAverage(p, r, f, support);
        }
        var micro = rows[(int)Average.Micro];
        return new ClassificationReport<TLabel>(per, microIsAccuracy ? micro.F1 : null, microIsAccuracy ? null : micro,
            rows[(int)Average.Macro], rows[(int)Average.Weighted], !sampleWeight.IsEmpty);
    }
}
