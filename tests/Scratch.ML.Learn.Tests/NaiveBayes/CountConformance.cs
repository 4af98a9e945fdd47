using Scratch.ML.Learn;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.NaiveBayes;

/// <summary>
/// The properties of <c>EstimatorConformance.CheckClassifier</c>, checked on non-negative integer data (the suite's
/// Gaussian blobs are negative, which count and category models reject by design). Each check names itself.
/// </summary>
internal static class CountConformance
{
    private static readonly Tolerance Row = new("ConformanceRow", 1e-12, 1e-10);
    private static readonly Tolerance Order = new("ConformanceOrder", 1e-9, 1e-7);
    private static readonly Tolerance Float = new("ConformanceFloat", 1e-3, 1e-3);

    /// <summary>Three classes of Poisson-like counts (rates differ per class and feature) with values in 0..4, or 0..1 when <paramref name="binary"/>.</summary>
    public static (Tensor<double> X, int[] Y) Counts(int n, int d, bool binary = false)
    {
        var u = Tensor.Uniform<double>(0, 1, new Generator(7), n, d).ToArray();
        var y = new int[n];
        var x = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % 3;
            for (int j = 0; j < d; j++)
            {
                double high = (y[i] + j) % 3 == 0 ? 0.9 : 0.2;   // each class favours its own features
                x[i * d + j] = binary ? (u[i * d + j] < high ? 1 : 0) : Math.Floor(u[i * d + j] * (high > 0.5 ? 5 : 2));
            }
        }
        return (Tensor.FromArray(x, n, d), y);
    }

    public static List<string> Check<TM, TF>(IClassifier estimator, Func<Stream, TM> loadDouble, Func<Stream, TF> loadFloat, bool binary = false)
        where TM : IProbabilisticModel<double> where TF : IProbabilisticModel<float>
    {
        var ran = new List<string>();
        void Run(string name, Action check)
        {
            try { check(); }
            catch (Exception e) { throw new Xunit.Sdk.XunitException($"{estimator}: check \"{name}\" failed: {e.Message}"); }
            ran.Add(name);
        }
        var (x, y) = Counts(60, 4, binary);
        string options = estimator.ToString()!;
        var model = (IProbabilisticModel<double>)estimator.Fit(x, y);
        var p = model.Predict(x).Ints!.ToArray();
        var proba = model.PredictProba(x);
        Run("options unchanged by Fit", () => Assert.Equal(options, estimator.ToString()));
        Run("classes are the sorted labels", () => Assert.Equal([0, 1, 2], model.Classes.Ints!));
        Run("training accuracy is above chance", () => Assert.True(p.Zip(y).Count(t => t.First == t.Second) > 36));
        Run("fitting twice gives the same model", () => TensorAssert.Close(proba, ((IProbabilisticModel<double>)estimator.Fit(x, y)).PredictProba(x), Tolerance.Exact));
        Run("batch equals row by row", () =>
        {
            for (int i = 0; i < 60; i += 7)
                TensorAssert.Close(proba.Narrow(0, i, 1), model.PredictProba(x.Narrow(0, i, 1)), Row);
        });
        Run("row order does not matter", () =>
        {
            var order = new Generator(4).Permutation(60);
            var xp = x.IndexSelect(0, Tensor.FromArray(Array.ConvertAll(order, i => (long)i), 60));
            var m2 = (IProbabilisticModel<double>)estimator.Fit(xp, Array.ConvertAll(order, i => y[i]));
            TensorAssert.Close(proba, m2.PredictProba(x), Order);
        });
        Run("one feature", () => Assert.Equal(60, estimator.Fit(x.Narrow(1, 0, 1), y).Predict(x.Narrow(1, 0, 1)).Length));
        Run("a single class is rejected", () => Assert.Throws<ArgumentException>(() => estimator.Fit(x, new int[60])));
        Run("label count mismatch is rejected", () => Assert.Throws<ArgumentException>(() => estimator.Fit(x, y[..59])));
        Run("NaN and infinity are rejected", () =>
        {
            foreach (var bad in new[] { double.NaN, double.PositiveInfinity })
            {
                var xb = x.ToArray();
                xb[5] = bad;
                Assert.Throws<ArgumentException>(() => estimator.Fit(Tensor.FromArray(xb, 60, 4), y));
            }
        });
        Run("string labels behave like integer labels", () =>
        {
            string[] names = ["ant", "bee", "cat"];
            var ps = estimator.Fit(x, Array.ConvertAll(y, k => names[k])).Predict(x).Strings!;
            Assert.Equal(p, ps.Select(s => Array.IndexOf(names, s)));
        });
        Run("float agrees with double", () =>
        {
            var mf = (IProbabilisticModel<float>)estimator.Fit(x.Cast<float>(), y);
            TensorAssert.Close(proba, mf.PredictProba(x.Cast<float>()).Cast<double>(), Float);
        });
        Run("save and load round-trip exactly", () =>
        {
            using var s = new MemoryStream();
            model.Save(s);
            s.Position = 0;
            TensorAssert.Close(proba, loadDouble(s).PredictProba(x), Tolerance.Exact);
            var mf = (IProbabilisticModel<float>)estimator.Fit(x.Cast<float>(), y);
            using var sf = new MemoryStream();
            mf.Save(sf);
            sf.Position = 0;
            TensorAssert.Close(mf.PredictProba(x.Cast<float>()), loadFloat(sf).PredictProba(x.Cast<float>()), Tolerance.Exact);
        });
        Run("feature-count mismatch is rejected", () => Assert.Throws<ArgumentException>(() => model.Predict(Tensor.Zeros<double>(3, 5))));
        Run("probabilities are consistent", () =>
        {
            var pr = proba.ToArray();
            var lp = model.PredictLogProba(x).ToArray();
            for (int i = 0; i < 60; i++)
            {
                Assert.Equal(1.0, pr[(i * 3)..(i * 3 + 3)].Sum(), 1e-9);
                for (int k = 0; k < 3; k++) Assert.Equal(pr[i * 3 + k], Math.Exp(lp[i * 3 + k]), 1e-9);
                Assert.True(pr[i * 3 + p[i]] >= pr[(i * 3)..(i * 3 + 3)].Max());
            }
        });
        Run("unit weights equal no weights", () => TensorAssert.Close(proba, ((IProbabilisticModel<double>)estimator.Fit(x, y, Tensor.Ones<double>(60))).PredictProba(x), Order));
        Run("integer weights equal repeated rows", () =>
        {
            var rows = new List<long>();
            var w = new double[60];
            for (int i = 0; i < 60; i++) { w[i] = 1 + i % 3; for (int r = 0; r < w[i]; r++) rows.Add(i); }
            var xr = x.IndexSelect(0, Tensor.FromArray(rows.ToArray(), rows.Count));
            var yr = rows.Select(i => y[i]).ToArray();
            var repeated = ((IProbabilisticModel<double>)estimator.Fit(xr, yr)).PredictProba(x);
            TensorAssert.Close(repeated, ((IProbabilisticModel<double>)estimator.Fit(x, y, Tensor.FromArray(w, 60))).PredictProba(x), Order);
        });
        return ran;
    }
}
