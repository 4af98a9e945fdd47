using Scratch.ML.Learn;
using Scratch.ML.Rng;

namespace Scratch.ML.Testing.Conformance;

public static partial class EstimatorConformance
{
    /// <summary>
    /// Runs the classifier checks: the shared ones (options unchanged, idempotent fit, batch = row by row, row order,
    /// one feature, bad values, float vs double, save/load, feature-count mismatch) plus: a single class is rejected,
    /// string labels behave like integer labels, and for probabilistic models rows of <c>PredictProba</c> sum to 1,
    /// <c>Predict</c> is their arg-max and <c>PredictLogProba</c> is their log; weight checks when declared.
    /// </summary>
    /// <returns>The names of the checks that ran (all passed).</returns>
    /// <exception cref="ConformanceException">At least one check failed; the message lists every failure.</exception>
    public static IReadOnlyList<string> CheckClassifier(IClassifier estimator, Func<Stream, IClassificationModel<double>> loadDouble, Func<Stream, IClassificationModel<float>> loadFloat)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        var caps = estimator.Capabilities;
        var run = new Runner(estimator.GetType().Name);
        var (x, y) = Data.Blobs(60, 4, 3, seed: 1);
        x = InDomain(caps, x + (caps.RequiresNonNegativeInput || caps.RequiresIntegerCodes ? 8.0 : 0.0));
        string options = estimator.ToString() ?? "";
        var model = estimator.Fit(x, y);
        var p = Ints(model.Predict(x));
        var proba = model is IProbabilisticModel<double> pm ? pm.PredictProba(x) : null;
        CheckParameters(run, estimator);
        run.Check("options unchanged by Fit", () => Require(estimator.ToString() == options, $"options changed from {options} to {estimator}"));
        run.Check("classes are the sorted labels", () => Require(model.Classes.Ints is { } c && c.SequenceEqual([0, 1, 2]), "Classes should be [0, 1, 2]"));
        run.Check("training accuracy is above chance", () => Require(Agreement(p, y) > 0.6, $"training accuracy {Agreement(p, y):P0} on three separated blobs"));
        run.Check("fitting twice gives the same model", () =>
        {
            var again = estimator.Fit(x, y);
            Require(Ints(again.Predict(x)).SequenceEqual(p), "predictions differ between two fits");
            if (proba is not null) Same(proba, ((IProbabilisticModel<double>)again).PredictProba(x), Tolerance.Exact);
        });
        run.Check("batch equals row by row", () =>
        {
            for (int i = 0; i < 60; i += 7) Require(Ints(model.Predict(x.Narrow(0, i, 1)))[0] == p[i], $"row {i} predicted differently alone");
            if (proba is not null) Same(proba, RowByRow(x, ((IProbabilisticModel<double>)model).PredictProba), Data.RowTolerance);
        });
        if (caps.RowOrderInvariant)
            run.Check("row order does not matter", () =>
            {
                var order = new Generator(4).Permutation(60);
                var xp = x.IndexSelect(0, Tensor.FromArray(Array.ConvertAll(order, i => (long)i), 60));
                var yp = Array.ConvertAll(order, i => y[i]);
                var m2 = estimator.Fit(xp, yp);
                if (proba is not null) Same(proba, ((IProbabilisticModel<double>)m2).PredictProba(x), Data.OrderTolerance);
                else Require(Agreement(Ints(m2.Predict(x)), p) > 0.97, "permuting the rows changed the predictions");
            });
        run.Check("one feature", () => Require(estimator.Fit(x.Narrow(1, 0, 1), y).Predict(x.Narrow(1, 0, 1)).Length == 60, "wrong prediction count"));
        run.Check("a single class is rejected", () => Throws<ArgumentException>(() => estimator.Fit(x, new int[60])));
        run.Check("label count mismatch is rejected", () => Throws<ArgumentException>(() => estimator.Fit(x, y[..59])));
        CheckBadValues(run, caps, m => estimator.Fit(m, Array.ConvertAll(new int[m.Shape[0]], _ => 0).Select((_, i) => i % 2).ToArray()));
        run.Check("string labels behave like integer labels", () =>
        {
            string[] names = ["ant", "bee", "cat"];
            var ms = estimator.Fit(x, Array.ConvertAll(y, k => names[k]));
            var ps = ms.Predict(x).Strings ?? throw new ConformanceException("string labels came back as integers");
            Require(ps.Select(s => Array.IndexOf(names, s)).SequenceEqual(p), "string-label predictions differ from integer-label predictions");
        });
        run.Check("float agrees with double", () =>
        {
            var mf = estimator.Fit(Data.ToFloat(x), y);
            Require(Agreement(Ints(mf.Predict(Data.ToFloat(x))), p) > 0.95, "float and double predictions disagree on more than 5 % of rows");
            if (proba is not null) Same(proba, Data.ToDouble(((IProbabilisticModel<float>)mf).PredictProba(Data.ToFloat(x))), Data.FloatTolerance);
        });
        run.Check("save and load round-trip exactly", () =>
        {
            var loaded = RoundTrip(model, loadDouble);
            Require(Ints(loaded.Predict(x)).SequenceEqual(p), "predictions changed after save and load");
            if (proba is not null) Same(proba, ((IProbabilisticModel<double>)loaded).PredictProba(x), Tolerance.Exact);
            var mf = estimator.Fit(Data.ToFloat(x), y);
            Require(Ints(RoundTrip(mf, loadFloat).Predict(Data.ToFloat(x))).SequenceEqual(Ints(mf.Predict(Data.ToFloat(x)))), "float predictions changed after save and load");
        });
        run.Check("feature-count mismatch is rejected", () => Throws<ArgumentException>(() => model.Predict(InDomain(caps, Data.Features(3, 5, 5)))));
        if (caps.RequiresNonNegativeInput || caps.RequiresIntegerCodes)
            run.Check("negative features are rejected", () => Throws<ArgumentException>(() => estimator.Fit(Data.WithValue(x, 3, 1, -1.0), y)));
        if (proba is not null)
            run.Check("probabilities are consistent", () =>
            {
                var pr = proba.ToArray();
                var lp = ((IProbabilisticModel<double>)model).PredictLogProba(x).ToArray();
                for (int i = 0; i < 60; i++)
                {
                    double s = 0;
                    int best = 0;
                    for (int k = 0; k < 3; k++)
                    {
                        s += pr[i * 3 + k];
                        if (pr[i * 3 + k] > pr[i * 3 + best]) best = k;
                        Require(Math.Abs(Math.Exp(lp[i * 3 + k]) - pr[i * 3 + k]) < 1e-9, $"exp(log-proba) ≠ proba at row {i}, class {k}");
                    }
                    Require(Math.Abs(s - 1) < 1e-9, $"row {i} of PredictProba sums to {s}");
                    Require(best == p[i], $"row {i}: Predict gives class {p[i]} but the most probable class is {best}");
                }
            });
        if (caps.SupportsSampleWeight)
        {
            run.Check("unit weights equal no weights", () => Same(Scores(model, x), Scores(estimator.Fit(x, y, Tensor.Ones<double>(60)), x), Data.OrderTolerance));
            run.Check("integer weights equal repeated rows", () =>
            {
                var (xr, _, w) = Data.Repeated(x, Tensor.Zeros<double>(60));
                var yr = new List<int>();
                for (int i = 0; i < 60; i++) for (int r = 0; r < 1 + i % 3; r++) yr.Add(y[i]);
                Same(Scores(estimator.Fit(xr, yr.ToArray()), x), Scores(estimator.Fit(x, y, w), x), Data.OrderTolerance);
            });
        }
        return run.Finish();
    }

    /// <summary>Maps generated data into the estimator's declared input domain (≥ 0, integer codes).</summary>
    private static Tensor<double> InDomain(EstimatorCapabilities caps, Tensor<double> x)
    {
        if (caps.RequiresNonNegativeInput || caps.RequiresIntegerCodes) x = x.Abs();
        return caps.RequiresIntegerCodes ? x.Floor() : x;
    }

    private static int[] Ints(Labels labels) => labels.Ints?.ToArray() ?? throw new ConformanceException("integer labels came back as strings");

    private static double Agreement(int[] a, int[] b) => a.Zip(b).Count(t => t.First == t.Second) / (double)a.Length;

    /// <summary>Probabilities when available, else one-hot predictions (so weight checks work for any classifier).</summary>
    private static Tensor<double> Scores(IClassificationModel<double> m, Tensor<double> x)
    {
        if (m is IProbabilisticModel<double> pm) return pm.PredictProba(x);
        var p = Ints(m.Predict(x));
        var s = new double[p.Length * m.Classes.Count];
        for (int i = 0; i < p.Length; i++) s[i * m.Classes.Count + p[i]] = 1;
        return Tensor.FromArray(s, p.Length, m.Classes.Count);
    }
}
