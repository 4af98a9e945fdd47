using Scratch.ML.Learn;

namespace Scratch.ML.Testing.Conformance;

public static partial class EstimatorConformance
{
    /// <summary>
    /// Runs the checks for a transformer fitted with targets (<see cref="ISupervisedTransformer"/>): options unchanged,
    /// idempotent fit, batch = row by row, row order (when declared), one sample and one feature, bad values (NaN only
    /// when not declared), float vs double, save/load, feature-count mismatch, a NaN target and a target of the wrong
    /// length are rejected.
    /// </summary>
    /// <returns>The names of the checks that ran (all passed).</returns>
    /// <exception cref="ConformanceException">At least one check failed; the message lists every failure.</exception>
    public static IReadOnlyList<string> CheckSupervisedTransformer(ISupervisedTransformer estimator, Func<Stream, ITransformModel<double>> loadDouble, Func<Stream, ITransformModel<float>> loadFloat)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        var caps = estimator.Capabilities;
        var run = new Runner(estimator.GetType().Name);
        var x = InDomain(caps, Data.Features(40, 5, seed: 1).Floor());
        var t = Data.Target(x, seed: 2);
        string options = estimator.ToString() ?? "";
        var model = estimator.Fit(x, t);
        var y = model.Transform(x);
        CheckParameters(run, estimator);
        run.Check("declared as a supervised transformer", () => Require(caps.Kind == EstimatorKind.Transformer && caps.Supervised, $"Capabilities say {caps.Kind}, Supervised = {caps.Supervised}"));
        run.Check("options unchanged by Fit", () => Require(estimator.ToString() == options, $"options changed from {options} to {estimator}"));
        run.Check("fitting twice gives the same model", () => Same(y, estimator.Fit(x, t).Transform(x), Tolerance.Exact));
        run.Check("batch equals row by row", () => Same(y, RowByRow(x, model.Transform), Data.RowTolerance));
        if (caps.RowOrderInvariant)
            run.Check("row order does not matter", () => Same(y, estimator.Fit(Data.Permuted(x, 3), Data.Permuted(t.Reshape(40, 1), 3).Reshape(40)).Transform(x), Data.OrderTolerance));
        run.Check("one sample and one feature", () =>
        {
            var x1 = InDomain(caps, Data.Features(30, 1, 4).Floor());
            Finite(estimator.Fit(x1, Data.Target(x1, 5)).Transform(x1));
        });
        CheckBadValues(run, caps, m => estimator.Fit(m, Tensor.Zeros<double>(m.Rank == 2 ? m.Shape[0] : 5)));
        run.Check("NaN target is rejected", () => Throws<ArgumentException>(() => estimator.Fit(x, Data.WithValue(t.Reshape(40, 1), 7, 0, double.NaN).Reshape(40))));
        run.Check("target length mismatch is rejected", () => Throws<ArgumentException>(() => estimator.Fit(x, Data.Target(Data.Features(39, 5, 1), 2))));
        run.Check("float agrees with double", () => Same(y, Data.ToDouble(estimator.Fit(Data.ToFloat(x), Data.ToFloat(t)).Transform(Data.ToFloat(x))), Data.FloatTolerance));
        run.Check("save and load round-trip exactly", () =>
        {
            Same(y, RoundTrip(model, loadDouble).Transform(x), Tolerance.Exact);
            var fm = estimator.Fit(Data.ToFloat(x), Data.ToFloat(t));
            Same(Data.ToDouble(fm.Transform(Data.ToFloat(x))), Data.ToDouble(RoundTrip(fm, loadFloat).Transform(Data.ToFloat(x))), Tolerance.Exact);
        });
        run.Check("feature-count mismatch is rejected", () => Throws<ArgumentException>(() => model.Transform(Data.Features(3, 4, 5).Floor())));
        return run.Finish();
    }
}
