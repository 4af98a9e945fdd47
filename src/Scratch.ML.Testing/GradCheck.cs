using System.Text;

namespace Scratch.ML.Testing;

/// <summary>
/// Gradient checking: compares the analytic vector-Jacobian products of the autograd with central finite differences
/// in float64 (PyTorch's <c>gradcheck</c>/<c>gradgradcheck</c>). Use it for every op you make differentiable.
/// </summary>
/// <remarks>
/// <para>For a function <c>y = f(x₁, …, xₙ)</c> the check draws a fixed random projection <c>v</c> (shaped like y) and
/// compares, for every input element, the analytic ∂(Σ v⊙y)/∂xᵢⱼ from <see cref="Tensor{T}.Backward"/> with the
/// central difference <c>(L(x + h·eᵢⱼ) − L(x − h·eᵢⱼ)) / 2h</c>. Inputs may be non-contiguous (strided or broadcast
/// views are perturbed through their own layout, element by element of their storage).</para>
/// <para>Inputs that should not be differentiated (indices, masks) are closed over by <c>f</c> instead of passed.</para>
/// </remarks>
public static class GradCheck
{
    /// <summary>The finite-difference step.</summary>
    public const double Step = 1e-6;

    /// <summary>
    /// Checks first derivatives of <paramref name="f"/> at <paramref name="inputs"/>; throws with a per-element report
    /// on mismatch. Inputs are used as given (their <c>RequiresGrad</c> is set for the duration).
    /// </summary>
    /// <param name="f">The function under test (float64).</param>
    /// <param name="inputs">The points to differentiate at; every input is checked.</param>
    /// <param name="tolerance">Defaults to <see cref="Tolerance.GradCheck"/>.</param>
    /// <param name="seed">Seed of the projection v.</param>
    /// <exception cref="GradCheckException">An analytic gradient differs from the numerical one.</exception>
    public static void Check(Func<Tensor<double>[], Tensor<double>> f, Tensor<double>[] inputs, Tolerance? tolerance = null, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);
        var tol = tolerance ?? Tolerance.GradCheck;
        var leaves = Leaves(inputs);
        Tensor<double> v;
        using (Autograd.NoGrad()) v = Projection(f(leaves), seed);
        var analytic = Analytic(f, leaves, v);
        var numeric = Numeric(leaves, x => Scalar(f(x), v));
        Compare("gradient", inputs, analytic, numeric, tol);
    }

    /// <summary>
    /// Checks second derivatives: the gradient of <c>Σ u⊙∂(Σ v⊙f)/∂x</c> (a backward pass built with
    /// <c>createGraph: true</c>) against finite differences of the first-order analytic gradient.
    /// </summary>
    /// <param name="f">The function under test (float64).</param>
    /// <param name="inputs">The points to differentiate at.</param>
    /// <param name="tolerance">Defaults to <see cref="Tolerance.GradGradCheck"/>.</param>
    /// <param name="seed">Seed of the projections.</param>
    /// <exception cref="GradCheckException">A second derivative differs.</exception>
    public static void CheckSecondOrder(Func<Tensor<double>[], Tensor<double>> f, Tensor<double>[] inputs, Tolerance? tolerance = null, ulong seed = 0)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(inputs);
        var tol = tolerance ?? Tolerance.GradGradCheck;
        var leaves = Leaves(inputs);
        Tensor<double> v;
        using (Autograd.NoGrad()) v = Projection(f(leaves), seed);
        var us = new Tensor<double>[leaves.Length];
        for (int i = 0; i < leaves.Length; i++) us[i] = Projection(leaves[i], seed + 1 + (ulong)i);

        // h(x) = Σᵢ Σ uᵢ ⊙ ∂(Σ v⊙f)/∂xᵢ, built differentiably.
        Tensor<double> H(Tensor<double>[] xs)
        {
            var ls = xs[0].RequiresGrad ? xs : Leaves(xs);
            var y = f(ls);
            var grads = Autograd.Grad([y], ls, [v], createGraph: true, allowUnused: true);
            Tensor<double>? total = null;
            for (int i = 0; i < ls.Length; i++)
            {
                if (grads[i] is not { } gi) continue;
                var term = (gi * us[i]).Sum();
                total = total is null ? term : total + term;
            }
            return total ?? Tensor.Scalar(0.0);
        }

        var analytic = new Tensor<double>?[leaves.Length];
        var h = H(leaves);
        if (h.RequiresGrad)
        {
            var g2 = Autograd.Grad([h], leaves, allowUnused: true);
            for (int i = 0; i < leaves.Length; i++) analytic[i] = g2[i];
        }
        var numeric = Numeric(leaves, x => { using (Autograd.EnableGrad()) return H(x).ToScalar(); });
        Compare("second-order gradient", inputs, analytic, numeric, tol);
    }

    private static Tensor<double>[] Leaves(Tensor<double>[] inputs)
    {
        var leaves = new Tensor<double>[inputs.Length];
        for (int i = 0; i < inputs.Length; i++) leaves[i] = inputs[i].Detach().RequireGrad();
        return leaves;
    }

    private static Tensor<double> Projection(Tensor<double> like, ulong seed)
    {
        var rng = new System.Random(unchecked((int)seed) ^ 0x5eed);
        var data = new double[like.Length];
        for (int i = 0; i < data.Length; i++) data[i] = rng.NextDouble() * 2 - 1;
        return Tensor.FromArray(data, data.Length).Reshape(like.Shape);
    }

    private static double Scalar(Tensor<double> y, Tensor<double> v)
    {
        if (!Shapes.Equal(y.Shape, v.Shape))
            throw new GradCheckException($"f returned shape {Shapes.Format(y.Shape)} on a perturbed input but {Shapes.Format(v.Shape)} at the base point.");
        var a = y.ToArray();
        var b = v.ToArray();
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    private static Tensor<double>?[] Analytic(Func<Tensor<double>[], Tensor<double>> f, Tensor<double>[] leaves, Tensor<double> v)
    {
        var y = f(leaves);
        if (!y.RequiresGrad) return new Tensor<double>?[leaves.Length];
        return Autograd.Grad([y], leaves, [v], allowUnused: true);
    }

    /// <summary>Central differences of <paramref name="loss"/> with respect to every element of every input.</summary>
    private static double[][] Numeric(Tensor<double>[] leaves, Func<Tensor<double>[], double> loss)
    {
        var result = new double[leaves.Length][];
        for (int i = 0; i < leaves.Length; i++)
        {
            // Perturb a private contiguous copy so strided or broadcast inputs are perturbed one logical element at a time.
            var copies = new Tensor<double>[leaves.Length];
            for (int j = 0; j < leaves.Length; j++) copies[j] = j == i ? leaves[j].Detach().Clone() : leaves[j].Detach();
            var data = copies[i].AsSpan().ToArray();
            var grad = new double[data.Length];
            for (int e = 0; e < data.Length; e++)
            {
                double x0 = data[e];
                copies[i].AsSpan()[e] = x0 + Step;
                double plus;
                using (Autograd.NoGrad()) plus = loss(copies);
                copies[i].AsSpan()[e] = x0 - Step;
                double minus;
                using (Autograd.NoGrad()) minus = loss(copies);
                copies[i].AsSpan()[e] = x0;
                grad[e] = (plus - minus) / (2 * Step);
            }
            result[i] = grad;
        }
        return result;
    }

    private static void Compare(string what, Tensor<double>[] inputs, Tensor<double>?[] analytic, double[][] numeric, Tolerance tol)
    {
        var report = new StringBuilder();
        int failures = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            var a = analytic[i]?.ToArray() ?? new double[numeric[i].Length];
            for (int e = 0; e < a.Length; e++)
            {
                double n = numeric[i][e];
                if (double.IsNaN(a[e]) || Math.Abs(a[e] - n) > tol.Absolute + tol.Relative * Math.Abs(n))
                {
                    if (failures++ < 10)
                        report.AppendLine($"  input {i} {Shapes.Format(inputs[i].Shape)} element {e}: analytic {a[e]:R}, numerical {n:R}, |diff| {Math.Abs(a[e] - n):E3}");
                }
            }
        }
        if (failures > 0)
            throw new GradCheckException($"GradCheck: {failures} {what} element(s) differ beyond {tol.Name} (abs {tol.Absolute:E1}, rel {tol.Relative:E1}):\n{report}");
    }
}

/// <summary>An analytic gradient disagrees with finite differences; the message lists the worst elements.</summary>
/// <param name="message">The report.</param>
public sealed class GradCheckException(string message) : Exception(message);
