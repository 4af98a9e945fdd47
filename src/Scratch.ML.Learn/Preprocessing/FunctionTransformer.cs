using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Preprocessing;

/// <summary>
/// Wraps user functions as a transformer, as scikit-learn's <c>FunctionTransformer</c>. <see cref="Func"/> maps an
/// (n, d) float64 matrix to an (n, k) matrix with the same n (null: the identity); <see cref="InverseFunc"/> maps back
/// (null: the identity). Fit learns nothing but the feature count d. float models convert to float64, call the
/// delegate and convert back. With <see cref="CheckInverse"/> (and a delegate given), Fit checks that
/// InverseFunc(Func(x)) ≈ x on every ⌊n/100⌋-th row (at least every row when n &lt; 200): |x − x̂| ≤ 1e-9 + 1e-7·|x̂|
/// (NumPy's allclose, NaN matching NaN); scikit-learn only warns, here Fit throws. NaN is passed to the delegates.
/// Delegates cannot be persisted: a model with a delegate throws <see cref="NotSupportedException"/> from Save; the
/// identity model (both null) saves and loads.
/// </summary>
/// <param name="Func">The forward map (n, d) → (n, k), or null for the identity.</param>
/// <param name="InverseFunc">The inverse map (n, k) → (n, d), or null for the identity.</param>
/// <param name="CheckInverse">Check at Fit that InverseFunc undoes Func (default true).</param>
public sealed record FunctionTransformer(Func<Tensor<double>, Tensor<double>>? Func = null, Func<Tensor<double>, Tensor<double>>? InverseFunc = null, bool CheckInverse = true) : ITransformer
{
    /// <summary>Whether the functions are both the identity (then the model can be saved).</summary>
    public bool IsIdentity => Func is null && InverseFunc is null;

    /// <summary>Declares an inverse when both delegates are given (and checked) or both are the identity.</summary>
    public EstimatorCapabilities Capabilities => new(EstimatorKind.Transformer, Supervised: false, HandlesMissingValues: true,
        HasInverseTransform: IsIdentity || (Func is not null && InverseFunc is not null && CheckInverse));

    /// <summary>Records the feature count of x: (n, d) and, with CheckInverse, checks the inverse on a subset of rows.</summary>
    /// <exception cref="ArgumentException">x is not an (n, d) matrix with n, d ≥ 1 or holds ±∞; a delegate's output has the wrong row count; or InverseFunc does not undo Func.</exception>
    public FunctionTransformerModel<T> Fit<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var xs = InputChecks.Features(nameof(FunctionTransformer), x, allowNaN: true);
        int n = xs.Shape[0], d = xs.Shape[1];
        var model = new FunctionTransformerModel<T>(this, d);
        if (CheckInverse && !IsIdentity)
        {
            int step = Math.Max(1, n / 100);
            var rows = new List<T>();
            var src = xs.AsSpan();
            for (int i = 0; i < n; i += step) rows.AddRange(src.Slice(i * d, d).ToArray());
            var sub = Tensor.FromArray(rows.ToArray(), rows.Count / d, d);
            var back = model.InverseTransform(model.Transform(sub));
            if (!back.Shape.SequenceEqual(sub.Shape))
                throw new ArgumentException($"FunctionTransformer: InverseFunc(Func(x)) has shape ({string.Join(", ", back.Shape.ToArray())}), expected ({string.Join(", ", sub.Shape.ToArray())}).", nameof(x));
            var a = FunctionTransformerModel<T>.Convert<T, double>(sub).ToArray();
            var b = FunctionTransformerModel<T>.Convert<T, double>(back).ToArray();
            for (int i = 0; i < a.Length; i++)
            {
                bool same = double.IsNaN(a[i]) ? double.IsNaN(b[i]) : Math.Abs(a[i] - b[i]) <= 1e-9 + 1e-7 * Math.Abs(b[i]);
                if (!same)
                    throw new ArgumentException($"FunctionTransformer: InverseFunc does not undo Func (element {i % d} of checked row {i / d}: {a[i]} became {b[i]}); fix the functions or set CheckInverse = false.", nameof(x));
            }
        }
        return model;
    }

    ITransformModel<T> ITransformer.Fit<T>(Tensor<T> x) => Fit(x);
}

/// <summary>A fitted <see cref="FunctionTransformer"/>: the options and the feature count.</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class FunctionTransformerModel<T> : IInvertibleTransformModel<T>, ILoadableModel<FunctionTransformerModel<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const string Kind = "FunctionTransformer";

    internal FunctionTransformerModel(FunctionTransformer options, int featureCount)
    {
        Options = options;
        FeatureCount = featureCount;
    }

    /// <summary>The options (with the delegates) it was fitted with.</summary>
    public FunctionTransformer Options { get; }

    /// <inheritdoc />
    public int FeatureCount { get; }

    /// <summary>Func(x) for x: (n, FeatureCount) → (n, k); a copy of x for the identity.</summary>
    /// <exception cref="ArgumentException">x has the wrong shape or holds ±∞, or Func returned a result without n rows.</exception>
    public Tensor<T> Transform(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(FunctionTransformerModel<T>), x, FeatureCount, allowNaN: true);
        return Apply(xs, Options.Func, nameof(FunctionTransformer.Func));
    }

    /// <summary>InverseFunc(z) for z: (n, k) → (n, d); a copy of z for the identity. The column count of z is not checked (Func may change it).</summary>
    /// <exception cref="ArgumentException">z is not a matrix or holds ±∞, or InverseFunc returned a result without n rows.</exception>
    public Tensor<T> InverseTransform(Tensor<T> x)
    {
        var xs = InputChecks.Features(nameof(FunctionTransformerModel<T>), x, allowNaN: true);
        return Apply(xs, Options.InverseFunc, nameof(FunctionTransformer.InverseFunc));
    }

    private static Tensor<T> Apply(Tensor<T> xs, Func<Tensor<double>, Tensor<double>>? f, string name)
    {
        if (f is null) return xs.Clone();
        var y = f(Convert<T, double>(xs)) ?? throw new ArgumentException($"FunctionTransformer: {name} returned null.", name);
        if (y.Rank != 2 || y.Shape[0] != xs.Shape[0])
            throw new ArgumentException($"FunctionTransformer: {name} must return an ({xs.Shape[0]}, k) matrix, got shape ({string.Join(", ", y.Shape.ToArray())}).", name);
        return Convert<double, T>(y);
    }

    /// <summary>Element-wise conversion between float types (a copy).</summary>
    internal static Tensor<TTo> Convert<TFrom, TTo>(Tensor<TFrom> t) where TFrom : unmanaged, IFloatingPointIeee754<TFrom> where TTo : unmanaged, IFloatingPointIeee754<TTo>
    {
        var a = t.ToArray();
        var b = new TTo[a.Length];
        for (int i = 0; i < a.Length; i++) b[i] = TTo.CreateTruncating(a[i]);
        return Tensor.FromArray(b, t.Shape.ToArray());
    }

    /// <summary>Saves the identity model (the feature count and options).</summary>
    /// <exception cref="NotSupportedException">Func or InverseFunc is set: delegates cannot be written to a file.</exception>
    public void Save(Stream stream)
    {
        if (!Options.IsIdentity)
            throw new NotSupportedException("FunctionTransformer: a model with Func or InverseFunc cannot be saved, because delegates cannot be persisted; save your own description of the functions and refit instead.");
        ModelFile.Write(stream, Kind, new Dictionary<string, Tensor<T>>(), new Dictionary<string, string>
        {
            ["n_features"] = FeatureCount.ToString(CultureInfo.InvariantCulture),
            ["check_inverse"] = PreprocessingMath.Format(Options.CheckInverse),
        });
    }

    /// <summary>Loads an identity model written by <see cref="Save"/>.</summary>
    public static FunctionTransformerModel<T> Load(Stream stream)
    {
        var f = ModelFile.Read<T>(stream, Kind);
        int d = int.Parse(f.Option("n_features"), CultureInfo.InvariantCulture);
        if (d < 1) throw new InvalidDataException($"{Kind}: n_features must be at least 1, got {d}.");
        return new FunctionTransformerModel<T>(new FunctionTransformer(CheckInverse: f.Flag("check_inverse")), d);
    }
}
