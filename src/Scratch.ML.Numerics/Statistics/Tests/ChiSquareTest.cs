namespace Scratch.ML.Statistics;

/// <summary>Pearson's chi-square tests (SciPy's <c>chisquare</c> and <c>chi2_contingency</c>).</summary>
public static class ChiSquareTest
{
    /// <summary>
    /// Goodness of fit: χ² = Σ (Oᵢ − Eᵢ)²/Eᵢ against χ²(k − 1 − ddof), where k is the number of categories and ddof the
    /// number of parameters estimated from the data. Without <paramref name="expected"/> the categories are equally
    /// likely. Observed and expected totals must agree to a relative 1e-8 (SciPy 1.10's check).
    /// </summary>
    /// <exception cref="ArgumentException">Empty/NaN/negative counts, length mismatch, non-positive expected counts,
    /// mismatched totals, or k − 1 − ddof &lt; 1.</exception>
    public static HypothesisTestResult GoodnessOfFit(ReadOnlySpan<double> observed, ReadOnlySpan<double> expected = default, int ddof = 0)
    {
        const string op = "ChiSquareTest.GoodnessOfFit";
        SampleChecks.Require(op, observed, nameof(observed), 1);
        int k = observed.Length;
        double total = 0;
        for (int i = 0; i < k; i++)
        {
            if (observed[i] < 0 || double.IsInfinity(observed[i]))
                throw new ArgumentException($"{op}: observed[{i}] = {observed[i]} must be a finite count ≥ 0.", nameof(observed));
            total += observed[i];
        }
        double[] e;
        if (expected.IsEmpty)
        {
            e = new double[k];
            Array.Fill(e, total / k);
        }
        else
        {
            SampleChecks.Require(op, expected, nameof(expected));
            SampleChecks.SameLength(op, observed, expected, nameof(observed), nameof(expected));
            e = expected.ToArray();
            double te = 0;
            foreach (double v in e) te += v;
            if (Math.Abs(te - total) > 1e-8 * Math.Max(Math.Abs(te), Math.Abs(total)))
                throw new ArgumentException($"{op}: observed and expected totals differ ({total} vs {te}).", nameof(expected));
        }
        for (int i = 0; i < k; i++)
            if (!(e[i] > 0) || double.IsInfinity(e[i]))
                throw new ArgumentException($"{op}: expected[{i}] = {e[i]} must be finite and > 0.", nameof(expected));
        int df = k - 1 - ddof;
        if (ddof < 0 || df < 1) throw new ArgumentOutOfRangeException(nameof(ddof), ddof, $"{op}: need 0 ≤ ddof ≤ k − 2 = {k - 2}.");
        double stat = 0;
        for (int i = 0; i < k; i++) stat += (observed[i] - e[i]) * (observed[i] - e[i]) / e[i];
        return new HypothesisTestResult(stat, new ChiSquaredDistribution(df).Sf(stat), df);
    }

    /// <summary>
    /// Test of independence of the row and column classifications of an r × c table of counts. Expected counts
    /// Eᵢⱼ = (row sum i)(column sum j)/N; df = (r − 1)(c − 1). When df = 1 and <paramref name="yatesCorrection"/> is set
    /// (SciPy's default), every |Oᵢⱼ − Eᵢⱼ| is reduced by min(½, |Oᵢⱼ − Eᵢⱼ|) before squaring. df = 0 gives χ² = 0, p = 1.
    /// </summary>
    /// <exception cref="ArgumentException">Empty table, negative/NaN/∞ counts, or a zero expected count (an all-zero row or column).</exception>
    public static ContingencyResult Independence(double[,] table, bool yatesCorrection = true)
    {
        const string op = "ChiSquareTest.Independence";
        ArgumentNullException.ThrowIfNull(table);
        int r = table.GetLength(0), c = table.GetLength(1);
        if (r == 0 || c == 0) throw new ArgumentException($"{op}: the table is empty ({r} × {c}).", nameof(table));
        double[] rows = new double[r], cols = new double[c];
        double total = 0;
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
            {
                double v = table[i, j];
                if (!(v >= 0) || double.IsInfinity(v))
                    throw new ArgumentException($"{op}: table[{i}, {j}] = {v} must be a finite count ≥ 0.", nameof(table));
                rows[i] += v; cols[j] += v; total += v;
            }
        var expected = new double[r, c];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
            {
                expected[i, j] = rows[i] * cols[j] / total;
                if (!(expected[i, j] > 0))
                    throw new ArgumentException($"{op}: expected frequency [{i}, {j}] is zero (an all-zero row or column); the test is undefined.", nameof(table));
            }
        int df = (r - 1) * (c - 1);
        if (df == 0) return new ContingencyResult(0, 1, 0, expected);
        double stat = 0;
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++)
            {
                double diff = Math.Abs(table[i, j] - expected[i, j]);
                if (df == 1 && yatesCorrection) diff -= Math.Min(0.5, diff);
                stat += diff * diff / expected[i, j];
            }
        return new ContingencyResult(stat, new ChiSquaredDistribution(df).Sf(stat), df, expected);
    }
}
