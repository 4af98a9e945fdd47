namespace Scratch.ML.Statistics;

/// <summary>One-way analysis of variance (SciPy's <c>f_oneway</c>).</summary>
public static class Anova
{
    /// <summary>
    /// Tests H₀: all k group means are equal. With group sizes nᵢ, means x̄ᵢ, grand mean x̄ and N = Σnᵢ:
    /// SS_between = Σ nᵢ(x̄ᵢ − x̄)², SS_within = Σᵢ Σⱼ (xᵢⱼ − x̄ᵢ)², F = (SS_between/(k − 1)) / (SS_within/(N − k)),
    /// p = P(F(k − 1, N − k) ≥ F).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two groups, an empty group or NaN, or N ≤ k.</exception>
    public static FTestResult OneWay(params double[][] groups)
    {
        const string op = "Anova.OneWay";
        ArgumentNullException.ThrowIfNull(groups);
        int k = groups.Length;
        if (k < 2) throw new ArgumentException($"{op}: needs at least two groups, got {k}.", nameof(groups));
        int total = 0;
        double grandSum = 0;
        for (int g = 0; g < k; g++)
        {
            ArgumentNullException.ThrowIfNull(groups[g], $"groups[{g}]");
            SampleChecks.Require(op, groups[g], $"groups[{g}]");
            total += groups[g].Length;
            foreach (double v in groups[g]) grandSum += v;
        }
        if (total <= k) throw new ArgumentException($"{op}: needs more observations ({total}) than groups ({k}).", nameof(groups));
        double grandMean = grandSum / total;
        double ssBetween = 0, ssWithin = 0;
        foreach (double[] group in groups)
        {
            double m = Descriptive.MeanCore(group);
            ssBetween += group.Length * (m - grandMean) * (m - grandMean);
            foreach (double v in group) ssWithin += (v - m) * (v - m);
        }
        double df1 = k - 1, df2 = total - k;
        double f = ssBetween / df1 / (ssWithin / df2);
        double p = double.IsNaN(f) ? double.NaN : new FisherFDistribution(df1, df2).Sf(f);
        return new FTestResult(f, p, df1, df2);
    }
}
