using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Scratch.ML.Learn.LinearModels;

/// <summary>A fitted <see cref="LogisticRegression"/>.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LogisticRegressionModel<T> : LinearClassifierModel<T>, IProbabilisticModel<T>, ILoadableModel<LogisticRegressionModel<T>> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "LogisticRegression";

    internal LogisticRegressionModel(LogisticRegression options, ClassLabels classes, Tensor<T> coef, Tensor<T> intercept, int iterations, bool converged)
        : base(nameof(LogisticRegressionModel<T>), classes, coef, intercept, iterations)
    {
        Options = options;
        Converged = converged;
    }

    /// <summary>The options it was fitted with.</summary>
    public LogisticRegression Options { get; }

    /// <summary>Whether the solver met its tolerance (false: it stopped at the iteration, epoch or evaluation budget;
    /// for one-vs-rest, whether every binary model did).</summary>
    public bool Converged { get; }

    /// <summary>The class of largest score, as scikit-learn: z &gt; 0 → second class for one row, else arg-max of z
    /// (the first on ties) — the arg-max of <see cref="PredictProba"/>, since every link is increasing.</summary>
    /// <exception cref="ArgumentException">x is invalid or has the wrong feature count.</exception>
    public override Labels Predict(Tensor<T> x)
    {
        var z = ScoresDouble(x, out int n);
        int k = Coef.Shape[0];
        var codes = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (k == 1) { codes[i] = z[i] > 0 ? 1 : 0; continue; }
            int best = 0;
            for (int c = 1; c < k; c++) if (z[i * k + c] > z[i * k + best]) best = c;
            codes[i] = best;
        }
        return Classes.Decode(codes);
    }

    /// <summary>z = x·Wᵀ + b in float64, (n, k) row-major, after checking x; blocks of rows run in parallel (each
    /// row's value does not depend on the blocking).</summary>
    private double[] ScoresDouble(Tensor<T> x, out int n)
    {
        const string name = nameof(LogisticRegressionModel<T>);
        // The shape is checked first; the values are checked through the scores: a NaN or ±∞ in a row makes its
        // score non-finite (NaN·w, ∞·w and ∞·0 all are), and only then is the full check run for its message.
        var xs = x is { Rank: 2 } && x.Shape[0] >= 1 && x.Shape[1] == FeatureCount ? x.Contiguous() : InputChecks.Features(name, x, FeatureCount);
        int rows = xs.Shape[0], d = FeatureCount, k = Coef.Shape[0];
        var w = LinearData.ToDouble(Coef.Contiguous().AsSpan());
        var b = LinearData.ToDouble(Intercept.Contiguous().AsSpan());
        var z = new double[rows * k];
        const int block = 2048;
        int blocks = (rows + block - 1) / block;
        void Block(int blk)
        {
            var span = xs.AsSpan();
            var row = typeof(T) == typeof(double) ? null : new double[d];
            int end = Math.Min(rows, (blk + 1) * block);
            for (int i = blk * block; i < end; i++)
            {
                ReadOnlySpan<double> r;
                if (row is null) r = MemoryMarshal.Cast<T, double>(span).Slice(i * d, d);
                else
                {
                    for (int j = 0; j < d; j++) row[j] = double.CreateTruncating(span[i * d + j]);
                    r = row;
                }
                for (int c = 0; c < k; c++) z[i * k + c] = b[c] + Kernels.Dot(w.AsSpan(c * d, d), r);
            }
        }
        // Below ~2²⁰ multiply-adds the work is shorter than scheduling it on the thread pool.
        if (blocks == 1 || (long)rows * d * k < 1 << 20)
            for (int blk = 0; blk < blocks; blk++) Block(blk);
        else Parallel.For(0, blocks, Block);
        foreach (double v in z)
            if (!double.IsFinite(v))
            {
                InputChecks.Features(name, x, FeatureCount);    // throws for non-finite input; finite input that overflowed passes
                break;
            }
        n = rows;
        return z;
    }

    /// <summary>Whether the model is scikit-learn's two-class multinomial (one row w₁ of a two-row softmax).</summary>
    private bool BinaryMultinomial => Coef.Shape[0] == 1 && Options.MultiClass == LogisticMultiClass.Multinomial;

    /// <summary>Whether the model is C ≥ 3 one-vs-rest binary models.</summary>
    private bool OneVsRest => Coef.Shape[0] > 1 && Options.MultiClass == LogisticMultiClass.OneVsRest;

    /// <summary>
    /// log P: (n, C). Two classes: (−softplus(z), −softplus(−z)) (for the two-class multinomial, z is doubled:
    /// softmax(−z, z)); multinomial: z − logsumexp(z); one-vs-rest: log σ(z_c) − log Σⱼ σ(z_j). Stable for any z.
    /// </summary>
    public Tensor<T> PredictLogProba(Tensor<T> x)
    {
        var zs = ScoresDouble(x, out int rows);
        int k = Coef.Shape[0];
        if (k > 1 && !OneVsRest)
        {
            var lm = new T[zs.Length];
            for (int i = 0; i < rows; i++)
            {
                double max = double.NegativeInfinity;
                for (int c = 0; c < k; c++) max = Math.Max(max, zs[i * k + c]);
                double sum = 0;
                for (int c = 0; c < k; c++) sum += Math.Exp(zs[i * k + c] - max);
                double lse = max + Math.Log(sum);
                for (int c = 0; c < k; c++) lm[i * k + c] = T.CreateTruncating(zs[i * k + c] - lse);
            }
            return Tensor.FromArray(lm, rows, k);
        }
        if (OneVsRest)
        {
            var lo = new T[zs.Length];
            var ls = new double[k];
            for (int i = 0; i < rows; i++)
            {
                double max = double.NegativeInfinity;
                for (int c = 0; c < k; c++)
                {
                    ls[c] = -Softplus(-zs[i * k + c]);                                // log σ(z_c)
                    max = Math.Max(max, ls[c]);
                }
                double sum = 0;
                for (int c = 0; c < k; c++) sum += Math.Exp(ls[c] - max);
                double lse = max + Math.Log(sum);
                for (int c = 0; c < k; c++) lo[i * k + c] = T.CreateTruncating(ls[c] - lse);
            }
            return Tensor.FromArray(lo, rows, k);
        }
        double scale = BinaryMultinomial ? 2 : 1;
        var lp = new T[2 * zs.Length];
        for (int i = 0; i < zs.Length; i++)
        {
            double v = scale * zs[i];
            lp[2 * i] = T.CreateTruncating(-Softplus(v));                    // log(1 − σ(z)) = −softplus(z)
            lp[2 * i + 1] = T.CreateTruncating(-Softplus(-v));               // log σ(z) = −softplus(−z)
        }
        return Tensor.FromArray(lp, zs.Length, 2);
    }

    /// <summary>log(1 + eᵛ) without overflow.</summary>
    internal static double Softplus(double v) => v > 0 ? v + Log1P(Math.Exp(-v)) : Log1P(Math.Exp(v));

    /// <summary>log(1 + u) accurate for small u (Goldberg's trick: the rounding of 1 + u is compensated).</summary>
    private static double Log1P(double u)
    {
        double one = 1 + u;
        return one == 1 ? u : Math.Log(one) * u / (one - 1);
    }

    /// <summary>
    /// P: (n, C), computed directly (one exponential per score, not exp of <see cref="PredictLogProba"/>). Two classes:
    /// (σ(−z), σ(z)) (z doubled for the two-class multinomial); multinomial: softmax(z); one-vs-rest: σ(z_c) / Σⱼ σ(z_j).
    /// </summary>
    public Tensor<T> PredictProba(Tensor<T> x)
    {
        var zs = ScoresDouble(x, out int rows);
        int k = Coef.Shape[0];
        if (k == 1)
        {
            double scale = BinaryMultinomial ? 2 : 1;
            var p = new T[2 * rows];
            void Rows(int start, int end)
            {
                for (int i = start; i < end; i++)
                {
                    double v = scale * zs[i];
                    p[2 * i] = T.CreateTruncating(Sigmoid(-v));
                    p[2 * i + 1] = T.CreateTruncating(Sigmoid(v));
                }
            }
            // Each row is independent, so splitting the rows across threads changes nothing but the time.
            const int chunk = 16384;
            if (rows <= chunk) Rows(0, rows);
            else Parallel.For(0, (rows + chunk - 1) / chunk, c => Rows(c * chunk, Math.Min(rows, (c + 1) * chunk)));
            return Tensor.FromArray(p, rows, 2);
        }
        var result = new T[zs.Length];
        var e = new double[k];
        for (int i = 0; i < rows; i++)
        {
            double sum = 0;
            if (OneVsRest)
                for (int c = 0; c < k; c++) sum += e[c] = Sigmoid(zs[i * k + c]);
            else
            {
                double max = double.NegativeInfinity;
                for (int c = 0; c < k; c++) max = Math.Max(max, zs[i * k + c]);
                for (int c = 0; c < k; c++) sum += e[c] = Math.Exp(zs[i * k + c] - max);
            }
            for (int c = 0; c < k; c++) result[i * k + c] = T.CreateTruncating(e[c] / sum);
        }
        return Tensor.FromArray(result, rows, k);
    }

    /// <summary>σ(v) = 1 / (1 + e⁻ᵛ), evaluated without overflow for any v.</summary>
    private static double Sigmoid(double v)
    {
        if (v >= 0) return 1 / (1 + Math.Exp(-v));
        double ev = Math.Exp(v);
        return ev / (1 + ev);
    }

    /// <inheritdoc />
    public override void Save(Stream stream) => ModelFile.Write(stream, Kind,
        new Dictionary<string, Tensor<T>> { ["coef"] = Coef, ["intercept"] = Intercept }, Metadata());

    /// <summary>The options, classes and solver outcome as model-file metadata (also written by LogisticRegressionCV).</summary>
    internal Dictionary<string, string> Metadata() => new()
        {
            ["classes"] = Classes.ToMetadata(),
            ["penalty"] = Options.Penalty.ToString(),
            ["c"] = Options.C.ToString("R", CultureInfo.InvariantCulture),
            ["fit_intercept"] = Options.FitIntercept.ToString(CultureInfo.InvariantCulture),
            ["tol"] = Options.Tol.ToString("R", CultureInfo.InvariantCulture),
            ["max_iter"] = Options.MaxIter.ToString(CultureInfo.InvariantCulture),
            ["class_weight"] = Options.ClassWeight?.ToMetadata() ?? "",
            ["iterations"] = Iterations.ToString(CultureInfo.InvariantCulture),
            ["converged"] = Converged.ToString(CultureInfo.InvariantCulture),
            ["solver"] = Options.Solver.ToString(),
            ["l1_ratio"] = Options.L1Ratio is { } r ? r.ToString("R", CultureInfo.InvariantCulture) : "",
            ["multi_class"] = Options.MultiClass.ToString(),
            ["seed"] = Options.Seed.ToString(CultureInfo.InvariantCulture),
        };

    /// <summary>An option of a file written before it existed reads as its default.</summary>
    private static string OptionOr(ModelFileContents<T> f, string name, string fallback)
    {
        try { return f.Option(name); }
        catch (InvalidDataException) { return fallback; }
    }

    private static TEnum ParseEnum<TEnum>(string text) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, out var v) && Enum.IsDefined(v) ? v : throw new InvalidDataException($"{Kind}: unknown {typeof(TEnum).Name} \"{text}\".");

    /// <inheritdoc />
    public static LogisticRegressionModel<T> Load(Stream stream) => FromContents(ModelFile.Read<T>(stream, Kind));

    /// <summary>Rebuilds a model from a file's coef, intercept and <see cref="Metadata"/>.</summary>
    internal static LogisticRegressionModel<T> FromContents(ModelFileContents<T> f)
    {
        var classes = ClassLabels.FromMetadata(f.Option("classes"));
        var coef = f.Tensor("coef", 2);
        var intercept = f.Tensor("intercept", 1);
        int k = classes.Count == 2 ? 1 : classes.Count;
        if (coef.Shape[0] != k || intercept.Shape[0] != k || coef.Shape[1] < 1)
            throw new InvalidDataException($"{Kind}: coef {Shapes.Format(coef.Shape)} and intercept {Shapes.Format(intercept.Shape)} do not match {classes.Count} classes.");
        var penalty = ParseEnum<LogisticPenalty>(f.Option("penalty"));
        string cw = f.Option("class_weight");
        string l1 = OptionOr(f, "l1_ratio", "");
        LogisticRegression options;
        try
        {
            options = new LogisticRegression(penalty, f.Number("c"), f.Flag("fit_intercept"), f.Number("tol"), (int)f.Number("max_iter"),
                cw.Length == 0 ? null : ClassWeights.FromMetadata(cw), ParseEnum<LogisticSolver>(OptionOr(f, "solver", "Lbfgs")),
                l1.Length == 0 ? null : double.Parse(l1, NumberStyles.Float, CultureInfo.InvariantCulture),
                ParseEnum<LogisticMultiClass>(OptionOr(f, "multi_class", "Auto")), ulong.Parse(OptionOr(f, "seed", "0"), CultureInfo.InvariantCulture));
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{Kind}: the stored options are invalid: {e.Message}", e);
        }
        return new LogisticRegressionModel<T>(options, classes, coef, intercept, (int)f.Number("iterations"), f.Flag("converged"));
    }
}
