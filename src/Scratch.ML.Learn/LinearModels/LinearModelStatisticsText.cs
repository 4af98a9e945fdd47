using System.Globalization;
using System.Text;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>The text table of <see cref="LinearModelStatistics.ToString"/>.</summary>
internal static class LinearModelStatisticsText
{
    public static string Summary(LinearModelStatistics s)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        int nameWidth = Math.Max(8, s.Names.Max(n => n.Length) + 1);
        int width = nameWidth + 6 * 11;
        string rule = new('=', width), thin = new('-', width);
        sb.AppendLine("OLS regression results".PadLeft((width + 22) / 2));
        sb.AppendLine(rule);
        Pair("Observations:", s.SampleCount.ToString(c), "R-squared:", G(s.RSquared));
        Pair("Df residuals:", s.ResidualDegreesOfFreedom.ToString(c), "Adj. R-squared:", G(s.AdjustedRSquared));
        Pair("Df model:", s.ModelDegreesOfFreedom.ToString(c), "F-statistic:", G(s.FStatistic));
        Pair("Intercept:", s.HasIntercept ? "yes" : "no", "Prob (F-statistic):", G(s.FPValue));
        Pair("Resid. std. err.:", G(s.ResidualStandardError), "Log-likelihood:", G(s.LogLikelihood));
        Pair("AIC:", G(s.Aic), "BIC:", G(s.Bic));
        sb.AppendLine(rule);
        var (lo, hi) = s.ConfidenceIntervals();
        sb.Append("".PadRight(nameWidth));
        foreach (var h in new[] { "coef", "std err", "t", "P>|t|", "[0.025", "0.975]" }) sb.Append(h.PadLeft(11));
        sb.AppendLine();
        sb.AppendLine(thin);
        for (int j = 0; j < s.Names.Count; j++)
        {
            sb.Append(s.Names[j].PadRight(nameWidth));
            foreach (var v in new[] { s.Coefficients[j], s.StandardErrors[j], s.TValues[j] }) sb.Append(G(v).PadLeft(11));
            sb.Append(s.PValues[j].ToString("F3", c).PadLeft(11));
            sb.Append(G(lo[j]).PadLeft(11)).Append(G(hi[j]).PadLeft(11));
            sb.AppendLine();
        }
        sb.AppendLine(rule);
        sb.AppendLine("Standard errors assume independent, homoscedastic errors (t and F exact for normal errors).");
        return sb.ToString();

        void Pair(string k1, string v1, string k2, string v2)
        {
            int half = width / 2;
            sb.Append((k1 + " " + v1.PadLeft(half - k1.Length - 2)).PadRight(half));
            sb.AppendLine(k2 + " " + v2.PadLeft(width - half - k2.Length - 1));
        }

        string G(double v) => double.IsNaN(v) ? "nan" : Math.Abs(v) >= 1e5 || (v != 0 && Math.Abs(v) < 1e-3) ? v.ToString("0.###e+0", c) : v.ToString("0.####", c);
    }
}
