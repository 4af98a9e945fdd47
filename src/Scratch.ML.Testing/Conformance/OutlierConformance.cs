using Scratch.ML.Learn;

namespace Scratch.ML.Testing.Conformance;

public static partial class EstimatorConformance
{
    /// <summary>
    /// Runs the outlier-detector checks: options unchanged, idempotent fit, batch = row by row, row order (when
    /// declared), one sample and one feature, bad values, float vs double, save/load, feature-count mismatch, plus:
    /// <c>Predict</c> is the sign of <c>DecisionFunction</c> (+1 at ≥ 0), <c>DecisionFunction − ScoreSamples</c> is one
    /// constant offset, a far-away row scores lower than the training centre, and the weight checks when declared.
    /// </summary>
    /// <returns>The names of the checks that ran (all passed).</returns>
    /// <exception cref="ConformanceException">At least one check failed; the message lists every failure.</exception>
    public static IReadOnlyList<string> CheckOutlierDetector(IOutlierDetector estimator, Func<Stream, IOutlierModel<double>> loadDouble, Func<Stream, IOutlierModel<float>> loadFloat)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        var caps = estimator.Capabilities;
        var run = new Runner(estimator.GetType().Name);
        var x = InDomain(caps, Data.Features(40, 5, seed: 1));
        string options = estimator.ToString() ?? "";
        var model = estimator.Fit(x);
        var f = model.DecisionFunction(x);
        run.Check("kind is OutlierDetector", () => Require(caps.Kind == EstimatorKind.OutlierDetector, $"Capabilities.Kind is {caps.Kind}"));
        CheckParameters(run, estimator);
        run.Check("options unchanged by Fit", () => Require(estimator.ToString() == options, $"options changed from {options} to {estimator}"));
        run.Check("decision shape", () => Require(f.Rank == 1 && f.Shape[0] == 40, $"DecisionFunction returned shape {Shapes.Format(f.Shape)} for 40 samples"));
        run.Check("fitting twice gives the same model", () => Same(f, estimator.Fit(x).DecisionFunction(x), Tolerance.Exact));
        run.Check("batch equals row by row", () => Same(f, RowByRow(x, model.DecisionFunction), Data.RowTolerance));
        run.Check("Predict is the sign of DecisionFunction", () =>
        {
            var p = model.Predict(x);
            var fv = f.ToArray();
            for (int i = 0; i < p.Length; i++)
                Require(p[i] == (fv[i] >= 0 ? 1 : -1), $"row {i}: decision {fv[i]} but Predict gave {p[i]}");
        });
        run.Check("DecisionFunction = ScoreSamples − constant", () =>
        {
            var diff = (model.ScoreSamples(x) - f).ToArray();
            foreach (var v in diff) Require(Math.Abs(v - diff[0]) <= 1e-9 * (1 + Math.Abs(diff[0])), $"offsets differ: {diff[0]} vs {v}");
        });
        run.Check("a far-away row scores lower than the data", () =>
        {
            var centre = x.Mean(0).Reshape(1, 5);
            var far = centre + 100.0;
            double inside = model.ScoreSamples(centre).ToArray()[0], outside = model.ScoreSamples(far).ToArray()[0];
            Require(outside < inside, $"score far away {outside} ≥ score at the centre {inside}");
        });
        if (caps.RowOrderInvariant)
            run.Check("row order does not matter", () => Same(f, estimator.Fit(Data.Permuted(x, 2)).DecisionFunction(x), Data.OrderTolerance));
        run.Check("one sample and one feature", () =>
        {
            int few = Math.Max(1, caps.MinimumSamples);
            Finite(estimator.Fit(InDomain(caps, Data.Features(few, 5, 3))).DecisionFunction(InDomain(caps, Data.Features(2, 5, 3))));
            var x1 = InDomain(caps, Data.Features(30, 1, 4));
            Finite(estimator.Fit(x1).DecisionFunction(x1));
        });
        CheckBadValues(run, caps, m => estimator.Fit(m));
        run.Check("float agrees with double", () =>
        {
            var ff = Data.ToDouble(estimator.Fit(Data.ToFloat(x)).DecisionFunction(Data.ToFloat(x)));
            Same(f, ff, Data.FloatTolerance);
        });
        run.Check("save and load round-trip exactly", () =>
        {
            Same(f, RoundTrip(model, loadDouble).DecisionFunction(x), Tolerance.Exact);
            var fm = estimator.Fit(Data.ToFloat(x));
            Same(Data.ToDouble(fm.DecisionFunction(Data.ToFloat(x))), Data.ToDouble(RoundTrip(fm, loadFloat).DecisionFunction(Data.ToFloat(x))), Tolerance.Exact);
        });
        run.Check("feature-count mismatch is rejected", () => Throws<ArgumentException>(() => model.DecisionFunction(Data.Features(3, 4, 5))));
        if (caps.MinimumSamples > 1)
            run.Check("too few samples are rejected", () => Throws<ArgumentException>(() => estimator.Fit(InDomain(caps, Data.Features(caps.MinimumSamples - 1, 3, 3)))));
        if (caps.SupportsSampleWeight)
        {
            run.Check("unit weights equal no weights", () => Same(f, estimator.Fit(x, Tensor.Ones<double>(40)).DecisionFunction(x), Data.OrderTolerance));
            run.Check("integer weights equal repeated rows", () =>
            {
                var (xr, _, w) = Data.Repeated(x, Tensor.Zeros<double>(40));
                Same(estimator.Fit(xr).DecisionFunction(x), estimator.Fit(x, w).DecisionFunction(x), Data.OrderTolerance);
            });
            run.Check("negative weights are rejected", () => Throws<ArgumentException>(() => estimator.Fit(x, Data.WithValue(Tensor.Ones<double>(40).Reshape(40, 1), 0, 0, -1).Reshape(40))));
        }
        return run.Finish();
    }
}
