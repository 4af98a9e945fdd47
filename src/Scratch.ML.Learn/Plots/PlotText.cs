using System.Globalization;

namespace Scratch.ML.Learn.Plots;

/// <summary>Text helpers shared by the plots.</summary>
internal static class PlotText
{
    public static string WithScore(string name, string score, double? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return value is double v ? $"{name} ({score} = {v.ToString("0.000", CultureInfo.InvariantCulture)})" : name;
    }

    /// <summary>Escapes the five XML special characters and drops characters XML 1.0 forbids.</summary>
    public static string Escape(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (char c in s)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                default:
                    if (c >= 0x20 || c is '\t' or '\n' or '\r') sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    public static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
