using System.Text.Json;
using Scratch.ML.Learn;
using Scratch.ML.Learn.Compose;
using Scratch.ML.Learn.Datasets;
using Scratch.ML.Learn.Ensemble;
using Scratch.ML.Learn.Trees;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Ensemble;

/// <summary>
/// tests/reference/fixtures/learn/ensembles/ensembles.json (written by tests/reference/sklearn_ensembles.py,
/// scikit-learn 1.2.1) and the data the ensemble tests share.
/// </summary>
internal static class EnsembleFixture
{
    private static readonly object Gate = new();

    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "fixtures", "learn", "ensembles", "ensembles.json"))).RootElement;

    // Deterministic members whose fits are closed forms (GaussianNB, k-NN, Ridge, LinearRegression): both sides compute
    // the same float64 sums in another order, ≈1e-13 relative; the ensembles add only averaging.
    public static readonly Tolerance ClosedForm = new("EnsembleClosedFormVsSklearn", 1e-9, 1e-9);

    // Cases with a LogisticRegression member or final estimator (tol = 1e-10 on both sides): L-BFGS also stops when the
    // objective decreases by less than SciPy's ftol = 2.2e-9 relative, so along flat directions of ill-conditioned
    // problems (30 standardised breast-cancer features, passthrough columns) the two optima differ by up to ~1e-6 in
    // probability (observed 1.5e-6; 1e-7 on wine). The exactness of the ensemble arithmetic itself is checked by the
    // closed-form cases.
    public static readonly Tolerance Lbfgs = new("EnsembleLbfgsVsSklearn", 1e-5, 1e-5);

    // RidgeCV as final estimator: our thin SVD vs scikit-learn's eigendecomposition of the Gram matrix. With passthrough
    // the design mixes meta-features of scale ~150 with diabetes columns of scale ~0.05, so cond(X) ≈ 1e5 and the two
    // solutions agree to ≈cond·ε·|y| (observed 1.4e-8 relative, 5e-7 absolute on predictions of ~40).
    public static readonly Tolerance RidgeCv = new("EnsembleRidgeCvVsSklearn", 1e-7, 1e-7);

    public static (Tensor<double> X, int[] Y) Wine() => Standardised(SmallDatasets.LoadWine(), "wine");

    public static (Tensor<double> X, int[] Y) Cancer() => Standardised(SmallDatasets.LoadBreastCancer(), "cancer");

    public static (Tensor<double> X, Tensor<double> Y) Diabetes()
    {
        var d = SmallDatasets.LoadDiabetes();
        CheckSum(d, "diabetes");
        return (d.Data, d.Target);
    }

    private static (Tensor<double> X, int[] Y) Standardised(Dataset d, string name)
    {
        CheckSum(d, name);
        int n = d.SampleCount, p = d.FeatureCount;
        var a = d.Data.ToArray();
        for (int j = 0; j < p; j++)
        {
            double m = 0, v = 0;
            for (int i = 0; i < n; i++) m += a[i * p + j];
            m /= n;
            for (int i = 0; i < n; i++) v += (a[i * p + j] - m) * (a[i * p + j] - m);
            double s = Math.Sqrt(v / n);
            for (int i = 0; i < n; i++) a[i * p + j] = (a[i * p + j] - m) / s;
        }
        return (Tensor.FromArray(a, n, p), d.Labels!);
    }

    private static void CheckSum(Dataset d, string name)
    {
        double expected = Root.GetProperty("checksums").GetProperty(name).GetDouble();
        Assert.Equal(expected, d.Data.ToArray().Sum(Math.Abs), 1e-9 * expected);
    }

    public static Tensor<double> Matrix(JsonElement e)
    {
        int rows = e.GetArrayLength(), cols = e[0].GetArrayLength();
        return Tensor.FromArray(e.EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()).ToArray(), rows, cols);
    }

    public static Tensor<double> Vector(JsonElement e)
    {
        var data = e.EnumerateArray().Select(v => v.GetDouble()).ToArray();
        return Tensor.FromArray(data, data.Length);
    }

    public static int[] Ints(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    public static double[] Doubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static Tensor<double> Rows(Tensor<double> x, int count) => x.Narrow(0, 0, count).Contiguous();

    public static T RoundTrip<T>(IFittedModel model, Func<Stream, T> load)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        return load(stream);
    }

    /// <summary>Registers this namespace's model kinds with <see cref="ModelLoaders"/> unless already registered (the lead registers them as built-ins).</summary>
    public static void RegisterKinds()
    {
        lock (Gate)
        {
            Register("VotingClassifier", s => VotingClassifierModel<double>.Load(s), s => VotingClassifierModel<float>.Load(s));
            Register("VotingRegressor", s => VotingRegressorModel<double>.Load(s), s => VotingRegressorModel<float>.Load(s));
            Register("StackingClassifier", s => StackingClassifierModel<double>.Load(s), s => StackingClassifierModel<float>.Load(s));
            Register("StackingRegressor", s => StackingRegressorModel<double>.Load(s), s => StackingRegressorModel<float>.Load(s));
            Register("BaggingClassifier", s => BaggingClassifierModel<double>.Load(s), s => BaggingClassifierModel<float>.Load(s));
            Register("BaggingRegressor", s => BaggingRegressorModel<double>.Load(s), s => BaggingRegressorModel<float>.Load(s));
            Register("AdaBoostClassifier", s => AdaBoostClassifierModel<double>.Load(s), s => AdaBoostClassifierModel<float>.Load(s));
            Register("DecisionTreeClassifier", s => DecisionTreeClassifierModel<double>.Load(s), s => DecisionTreeClassifierModel<float>.Load(s));
            Register("DecisionTreeRegressor", s => DecisionTreeRegressorModel<double>.Load(s), s => DecisionTreeRegressorModel<float>.Load(s));
            Register("AdaBoostRegressor", s => AdaBoostRegressorModel<double>.Load(s), s => AdaBoostRegressorModel<float>.Load(s));
        }
    }

    private static void Register(string kind, Func<Stream, IFittedModel> d, Func<Stream, IFittedModel> f)
    {
        try { if (!ModelLoaders.IsRegistered(kind)) ModelLoaders.Register(kind, d, f); }
        catch (ArgumentException) when (ModelLoaders.IsRegistered(kind)) { }
    }
}
