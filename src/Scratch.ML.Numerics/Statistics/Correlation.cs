namespace Scratch.ML.Statistics;

/// <summary>
/// Covariance and correlation: pairwise on spans and as matrices over the columns of a data tensor (rows are
/// observations, columns are variables — NumPy's <c>cov(x, rowvar=False)</c> / <c>corrcoef(x, rowvar=False)</c>).
/// </summary>
public static class Correlation
{
    /// <summary>The sample covariance Σ(xᵢ − x̄)(yᵢ − ȳ) / (n − ddof); ddof = 1 by default, as NumPy's <c>cov</c>.</summary>
    public static double Covariance(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int ddof = 1)
    {
        const string op = "Correlation.Covariance";
        SampleChecks.Require(op, x, nameof(x));
        SampleChecks.Require(op, y, nameof(y));
        SampleChecks.SameLength(op, x, y, nameof(x), nameof(y));
        SampleChecks.Ddof(op, ddof, x.Length);
        double mx = Descriptive.MeanCore(x), my = Descriptive.MeanCore(y), s = 0;
        for (int i = 0; i < x.Length; i++) s += (x[i] - mx) * (y[i] - my);
        return s / (x.Length - ddof);
    }

    /// <summary>
    /// Pearson's r = Σ(xᵢ − x̄)(yᵢ − ȳ) / √(Σ(xᵢ − x̄)² Σ(yᵢ − ȳ)²), clamped to [−1, 1]; NaN when either sample is
    /// constant (as SciPy, which also warns). Needs n ≥ 2.
    /// </summary>
    public static double Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        const string op = "Correlation.Pearson";
        SampleChecks.Require(op, x, nameof(x), 2);
        SampleChecks.Require(op, y, nameof(y), 2);
        SampleChecks.SameLength(op, x, y, nameof(x), nameof(y));
        return PearsonCore(x, y);
    }

    /// <summary>
    /// The two-sided p-value of H₀: ρ = 0 for Pearson's r from n pairs, under bivariate normality: r is Beta((n−2)/2,
    /// (n−2)/2)-distributed on [−1, 1], equivalently t = r√((n − 2)/(1 − r²)) ~ t(n − 2) (SciPy's <c>pearsonr</c>).
    /// </summary>
    public static double PearsonPValue(double r, int n)
    {
        if (n < 3) throw new ArgumentOutOfRangeException(nameof(n), n, "Correlation.PearsonPValue needs n ≥ 3.");
        if (!(Math.Abs(r) <= 1)) throw new ArgumentOutOfRangeException(nameof(r), r, "A correlation must lie in [−1, 1].");
        if (Math.Abs(r) == 1) return 0;
        double t = r * Math.Sqrt((n - 2) / ((1 - r) * (1 + r)));
        return 2 * new StudentTDistribution(n - 2).Sf(Math.Abs(t));
    }

    /// <summary>Spearman's ρ: Pearson's r of the average ranks (ties get the mean of their ranks).</summary>
    public static double Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        const string op = "Correlation.Spearman";
        SampleChecks.Require(op, x, nameof(x), 2);
        SampleChecks.Require(op, y, nameof(y), 2);
        SampleChecks.SameLength(op, x, y, nameof(x), nameof(y));
        return PearsonCore(Ranks(x), Ranks(y));
    }

    /// <summary>
    /// Ranks 1 … n with ties given the average of the ranks they span (SciPy's <c>rankdata(method='average')</c>).
    /// </summary>
    public static double[] Ranks(ReadOnlySpan<double> x)
    {
        SampleChecks.Require("Correlation.Ranks", x, nameof(x));
        int n = x.Length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        double[] keys = x.ToArray();
        Array.Sort(keys, order);
        var ranks = new double[n];
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && keys[j + 1] == keys[i]) j++;
            double average = 0.5 * (i + j) + 1;
            for (int k = i; k <= j; k++) ranks[order[k]] = average;
            i = j + 1;
        }
        return ranks;
    }

    /// <summary>
    /// The p×p covariance matrix of the columns of <paramref name="data"/> (n observations × p variables), dividing by
    /// n − ddof.
    /// </summary>
    /// <exception cref="ArgumentException">Not 2-D, fewer than ddof + 1 rows, or NaN entries.</exception>
    public static Tensor<double> CovarianceMatrix(Tensor<double> data, int ddof = 1)
    {
        double[][] cols = Columns("Correlation.CovarianceMatrix", data, ddof + 1);
        SampleChecks.Ddof("Correlation.CovarianceMatrix", ddof, cols[0].Length);
        int p = cols.Length, n = cols[0].Length;
        var means = new double[p];
        for (int j = 0; j < p; j++) means[j] = Descriptive.MeanCore(cols[j]);
        var result = new double[p * p];
        for (int a = 0; a < p; a++)
            for (int b = 0; b <= a; b++)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += (cols[a][i] - means[a]) * (cols[b][i] - means[b]);
                result[a * p + b] = result[b * p + a] = s / (n - ddof);
            }
        return Tensor.FromArray(result, p, p);
    }

    /// <summary>The p×p Pearson correlation matrix of the columns of <paramref name="data"/> (n × p, n ≥ 2).</summary>
    public static Tensor<double> PearsonMatrix(Tensor<double> data) => MatrixOf(Columns("Correlation.PearsonMatrix", data, 2), transform: false);

    /// <summary>The p×p Spearman rank correlation matrix of the columns of <paramref name="data"/> (n × p, n ≥ 2).</summary>
    public static Tensor<double> SpearmanMatrix(Tensor<double> data) => MatrixOf(Columns("Correlation.SpearmanMatrix", data, 2), transform: true);

    private static Tensor<double> MatrixOf(double[][] cols, bool transform)
    {
        if (transform) for (int j = 0; j < cols.Length; j++) cols[j] = Ranks(cols[j]);
        int p = cols.Length;
        var result = new double[p * p];
        for (int a = 0; a < p; a++)
        {
            result[a * p + a] = 1;
            for (int b = 0; b < a; b++) result[a * p + b] = result[b * p + a] = PearsonCore(cols[a], cols[b]);
        }
        return Tensor.FromArray(result, p, p);
    }

    private static double PearsonCore(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double mx = Descriptive.MeanCore(x), my = Descriptive.MeanCore(y);
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
        }
        double r = sxy / Math.Sqrt(sxx * syy);
        return double.IsNaN(r) ? r : Math.Clamp(r, -1, 1);
    }

    private static double[][] Columns(string op, Tensor<double> data, int minimumRows)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Rank != 2)
            throw new ArgumentException($"{op}: data must be 2-D (observations × variables), got shape {Shapes.Format(data.Shape)}.", nameof(data));
        int n = data.Size(0), p = data.Size(1);
        if (n < minimumRows) throw new ArgumentException($"{op}: data needs at least {minimumRows} rows, got {n}.", nameof(data));
        if (p < 1) throw new ArgumentException($"{op}: data needs at least one column, got shape {Shapes.Format(data.Shape)}.", nameof(data));
        double[,] a = data.ToArray2D();
        var cols = new double[p][];
        for (int j = 0; j < p; j++)
        {
            cols[j] = new double[n];
            for (int i = 0; i < n; i++)
            {
                double v = a[i, j];
                if (double.IsNaN(v)) throw new ArgumentException($"{op}: data[{i}, {j}] is NaN.", nameof(data));
                cols[j][i] = v;
            }
        }
        return cols;
    }
}
