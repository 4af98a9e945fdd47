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


    public static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
