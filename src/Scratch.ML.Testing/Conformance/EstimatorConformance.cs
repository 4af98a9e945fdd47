using System.Numerics;
using Scratch.ML.Learn;
using Scratch.ML.Rng;

namespace Scratch.ML.Testing.Conformance;

/// <summary>
/// The estimator conformance suite (scikit-learn's <c>estimator_checks</c>, typed): every check that an estimator's
/// <see cref="EstimatorCapabilities"/> make applicable is run, and all failures are reported together. Use it for
/// every estimator, including your own: <c>EstimatorConformance.CheckRegressor(new MyRegressor(), MyModel&lt;double&gt;.Load, MyModel&lt;float&gt;.Load)</c>.
/// </summary>
/// <remarks>
/// Checks (see each method): fitting leaves the options unchanged; fitting twice gives the same model; a batch
/// prediction equals row-by-row predictions; permuting the training rows does not change the model (when declared);
/// one sample and one feature work; NaN and ∞ are rejected unless declared; float and double agree; save → load
/// round-trips exactly; a feature-count mismatch at prediction time is a clear error; for weights: unit weights equal
/// no weights and integer weights equal repeated rows; for invertible transformers the inverse undoes the transform.
/// </remarks>
public static partial class EstimatorConformance
{
    /// <summary>Runs the transformer checks.</summary>
    /// <returns>The names of the checks that ran (all passed).</returns>
    /// <exception cref="ConformanceException">At least one check failed; the message lists every failure.</exception>
    public static IReadOnlyList<string> CheckTransformer(ITransformer estimator, Func<Stream, ITransformModel<double>> loadDouble, Func<Stream, ITransformModel<float>> loadFloat)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        var run = new Runner(estimator.GetType().Name);
        var x = Data.Features(40, 5, seed: 1);
        string options = estimator.ToString() ?? "";
        var model = estimator.Fit(x);
        var y = model.Transform(x);
        CheckParameters(run, estimator);
        run.Check("options unchanged by Fit", () => Require(estimator.ToString() == options, $"options changed from {options} to {estimator}"));
        run.Check("fitting twice gives the same model", () => Same(y, estimator.Fit(x).Transform(x), Tolerance.Exact));
        run.Check("batch equals row by row", () => Same(y, RowByRow(x, model.Transform), Data.RowTolerance));
        if (estimator.Capabilities.RowOrderInvariant)
            run.Check("row order does not matter", () => Same(y, estimator.Fit(Data.Permuted(x, 2)).Transform(x), Data.OrderTolerance));
        run.Check("one sample and one feature", () =>
        {
            Finite(estimator.Fit(Data.Features(1, 5, 3)).Transform(Data.Features(1, 5, 3)));
            Finite(estimator.Fit(Data.Features(30, 1, 4)).Transform(Data.Features(30, 1, 4)));
        });
        CheckBadValues(run, estimator.Capabilities, m => estimator.Fit(m));
        run.Check("float agrees with double", () => Same(y, Data.ToDouble(estimator.Fit(Data.ToFloat(x)).Transform(Data.ToFloat(x))), Data.FloatTolerance));
        run.Check("save and load round-trip exactly", () =>
        {
            Same(y, RoundTrip(model, loadDouble).Transform(x), Tolerance.Exact);
            var fm = estimator.Fit(Data.ToFloat(x));
            Same(Data.ToDouble(fm.Transform(Data.ToFloat(x))), Data.ToDouble(RoundTrip(fm, loadFloat).Transform(Data.ToFloat(x))), Tolerance.Exact);
        });
        run.Check("feature-count mismatch is rejected", () => Throws<ArgumentException>(() => model.Transform(Data.Features(3, 4, 5))));
        if (estimator.Capabilities.HasInverseTransform)
            run.Check("inverse transform undoes transform", () =>
            {
                if (model is not IInvertibleTransformModel<double> inv) throw new ConformanceException("HasInverseTransform is declared but the model has no InverseTransform.");
                Same(x, inv.InverseTransform(y), Data.RowTolerance);
            });
        return run.Finish();
    }

    /// <summary>Runs the regressor checks (plus the weight checks when sample weights are declared).</summary>
    /// <returns>The names of the checks that ran (all passed).</returns>
    /// <exception cref="ConformanceException">At least one check failed; the message lists every failure.</exception>
    public static IReadOnlyList<string> CheckRegressor(IRegressor estimator, Func<Stream, IRegressionModel<double>> loadDouble, Func<Stream, IRegressionModel<float>> loadFloat)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        var caps = estimator.Capabilities;
        var run = new Runner(estimator.GetType().Name);
        var x = Data.Features(40, 5, seed: 1);
        var t = Data.Target(x, seed: 2);
        string options = estimator.ToString() ?? "";
        var model = estimator.Fit(x, t);
        var p = model.Predict(x);
        CheckParameters(run, estimator);
        run.Check("options unchanged by Fit", () => Require(estimator.ToString() == options, $"options changed from {options} to {estimator}"));
        run.Check("prediction shape", () => Require(p.Rank == 1 && p.Shape[0] == 40, $"Predict returned shape {Shapes.Format(p.Shape)} for 40 samples"));
        run.Check("fitting twice gives the same model", () => Same(p, estimator.Fit(x, t).Predict(x), Tolerance.Exact));
        run.Check("batch equals row by row", () => Same(p.Reshape(40, 1), RowByRow(x, r => model.Predict(r).Reshape(r.Shape[0], 1)), Data.RowTolerance));
        if (caps.RowOrderInvariant)
            run.Check("row order does not matter", () => Same(p, estimator.Fit(Data.Permuted(x, 3), Data.Permuted(t.Reshape(40, 1), 3).Reshape(40)).Predict(x), Data.OrderTolerance));
        run.Check("fewest samples and one feature", () =>
        {
            int few = Math.Max(1, caps.MinimumSamples);
            Finite(estimator.Fit(Data.Features(few, 3, 3), Tensor.Normal<double>(0, 1, new Generator(8), few)).Predict(Data.Features(2, 3, 4)));
            var x1 = Data.Features(30, 1, 4);
            Finite(estimator.Fit(x1, Data.Target(x1, 5)).Predict(x1));
        });
        CheckBadValues(run, caps, m => estimator.Fit(m, Tensor.Normal<double>(0, 1, new Generator(9), m.Shape[0])));
        run.Check("NaN target is rejected", () => Throws<ArgumentException>(() => estimator.Fit(x, Data.WithValue(t.Reshape(40, 1), 7, 0, double.NaN).Reshape(40))));
        run.Check("float agrees with double", () => Same(p, Data.ToDouble(estimator.Fit(Data.ToFloat(x), Data.ToFloat(t)).Predict(Data.ToFloat(x))), Data.FloatTolerance));
        run.Check("save and load round-trip exactly", () =>
        {
            Same(p, RoundTrip(model, loadDouble).Predict(x), Tolerance.Exact);
            var fm = estimator.Fit(Data.ToFloat(x), Data.ToFloat(t));
            Same(Data.ToDouble(fm.Predict(Data.ToFloat(x))), Data.ToDouble(RoundTrip(fm, loadFloat).Predict(Data.ToFloat(x))), Tolerance.Exact);
        });
        run.Check("feature-count mismatch is rejected", () => Throws<ArgumentException>(() => model.Predict(Data.Features(3, 4, 5))));
        if (caps.MinimumSamples > 1)
            run.Check("too few samples are rejected", () => Throws<ArgumentException>(() => estimator.Fit(Data.Features(caps.MinimumSamples - 1, 3, 3), Tensor.Zeros<double>(caps.MinimumSamples - 1))));
        run.Check("target length mismatch is rejected", () => Throws<ArgumentException>(() => estimator.Fit(x, Data.Target(Data.Features(39, 5, 1), 2))));
        if (caps.SupportsSampleWeight)
        {
            run.Check("unit weights equal no weights", () => Same(p, estimator.Fit(x, t, Tensor.Ones<double>(40)).Predict(x), Data.OrderTolerance));
            run.Check("integer weights equal repeated rows", () =>
            {
                var (xr, tr, w) = Data.Repeated(x, t);
                Same(estimator.Fit(xr, tr).Predict(x), estimator.Fit(x, t, w).Predict(x), Data.OrderTolerance);
            });
            run.Check("negative weights are rejected", () => Throws<ArgumentException>(() => estimator.Fit(x, t, Data.WithValue(Tensor.Ones<double>(40).Reshape(40, 1), 0, 0, -1).Reshape(40))));
        }
        if (caps.MultiOutput)
            run.Check("multi-output shape", () =>
            {
                var t2 = Tensor.Stack([t, t * 2.0], 1);
                var p2 = estimator.Fit(x, t2).Predict(x);
                Require(Shapes.Equal(p2.Shape, [40, 2]), $"Predict returned shape {Shapes.Format(p2.Shape)} for 2 targets");
            });
        return run.Finish();
    }

    private static void CheckParameters(Runner run, IEstimator estimator) =>
        run.Check("parameters round-trip through the constructor", () =>
        {
            var clone = EstimatorParameters.Clone(estimator);
            Require(Equals(clone, estimator), $"rebuilding from the parameters gave {clone}, not {estimator}");
            var names = EstimatorParameters.Get(estimator, deep: false).Keys;
            Require(names.SequenceEqual(EstimatorParameters.Names(estimator)), "Get and Names disagree");
        });

    private static void CheckBadValues(Runner run, EstimatorCapabilities caps, Action<Tensor<double>> fit)
    {
        var x = Data.Features(20, 3, 6);
        if (caps.RequiresNonNegativeInput || caps.RequiresIntegerCodes) x = x.Abs();
        if (caps.RequiresIntegerCodes) x = x.Floor();
        if (!caps.HandlesMissingValues)
            run.Check("NaN features are rejected", () => Throws<ArgumentException>(() => fit(Data.WithValue(x, 4, 1, double.NaN))));
        run.Check("infinite features are rejected", () => Throws<ArgumentException>(() => fit(Data.WithValue(x, 2, 0, double.PositiveInfinity))));
        run.Check("non-matrix input is rejected", () => Throws<ArgumentException>(() => fit(Tensor.Zeros<double>(5))));
        // Bad-value checks use data in the estimator's domain, so the error is about the NaN/∞, not the sign.
    }

    private static Tensor<double> RowByRow(Tensor<double> x, Func<Tensor<double>, Tensor<double>> f)
    {
        var rows = new Tensor<double>[x.Shape[0]];
        for (int i = 0; i < rows.Length; i++) rows[i] = f(x.Narrow(0, i, 1));
        return Tensor.Concat(rows, 0);
    }

    private static TModel RoundTrip<TModel>(IFittedModel model, Func<Stream, TModel> load)
    {
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        return load(stream);
    }

    private static void Same(Tensor<double> expected, Tensor<double> actual, Tolerance tol)
    {
        try { TensorAssert.Close(expected, actual, tol); }
        catch (Exception e) when (e is not ConformanceException) { throw new ConformanceException(e.Message); }
    }

    private static void Finite(Tensor<double> y)
    {
        foreach (var v in y.ToArray()) Require(double.IsFinite(v), $"output holds {v}");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new ConformanceException(message);
    }

    private static void Throws<TException>(Action action) where TException : Exception
    {
        try { action(); }
        catch (TException e) when (e.Message.Length > 0) { return; }
        catch (Exception e) { throw new ConformanceException($"expected {typeof(TException).Name}, got {e.GetType().Name}: {e.Message}"); }
        throw new ConformanceException($"expected {typeof(TException).Name}, but nothing was thrown");
    }

    private sealed class Runner(string estimator)
    {
        private readonly List<string> passed = [];
        private readonly List<string> failed = [];

        public void Check(string name, Action check)
        {
            try { check(); passed.Add(name); }
            catch (Exception e) { failed.Add($"{name}: {e.GetType().Name}: {e.Message}"); }
        }

        public IReadOnlyList<string> Finish()
        {
            if (failed.Count > 0)
                throw new ConformanceException($"{estimator} failed {failed.Count} conformance check(s):\n  " + string.Join("\n  ", failed));
            return passed;
        }
    }
}

/// <summary>An estimator broke the contract; the message lists every failed check.</summary>
/// <param name="message">The report.</param>
public sealed class ConformanceException(string message) : Exception(message);
