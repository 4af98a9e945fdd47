using System.Text;

namespace Scratch.ML.Plotting;

/// <summary>Text helpers for writing standalone SVG: one escaping rule for every plot in every package.</summary>
public static class SvgText
{
    /// <summary>Escapes the five XML special characters and drops the control characters XML 1.0 forbids.</summary>
    public static string Escape(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var sb = new StringBuilder(s.Length);
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
}
