namespace Scratch.ML.Optimization;

/// <summary>
/// A scalar objective f: ℝⁿ → ℝ evaluated without derivatives (used by derivative-free methods such as
/// <see cref="NelderMead"/>). Implement it on a <c>struct</c> to let the optimisers call it without virtual dispatch.
/// </summary>
public interface IObjectiveFunction
{
    /// <summary>Returns f(x). <paramref name="x"/> has length n and must not be retained.</summary>
    double Evaluate(ReadOnlySpan<double> x);
}

/// <summary>
/// A differentiable objective: returns f(x) and writes ∇f(x) into the <c>gradient</c> span (length n) in the same
/// call, because most objectives share work between the two. Implement it on a <c>struct</c> for the fastest calls.
/// </summary>
public interface IDifferentiableFunction
{
    /// <summary>Returns f(x) and writes ∂f/∂xᵢ into <paramref name="gradient"/>[i].</summary>
    double Evaluate(ReadOnlySpan<double> x, Span<double> gradient);
}

/// <summary>A twice-differentiable objective for <see cref="NewtonMethod"/>: adds the Hessian.</summary>
public interface ITwiceDifferentiableFunction : IDifferentiableFunction
{
    /// <summary>Writes the Hessian ∂²f/∂xᵢ∂xⱼ into <paramref name="hessian"/> as a row-major n×n matrix (length n²).</summary>
    void Hessian(ReadOnlySpan<double> x, Span<double> hessian);
}

/// <summary>Lambda form of <see cref="IObjectiveFunction.Evaluate"/>: returns f(x).</summary>
public delegate double ObjectiveFunc(ReadOnlySpan<double> x);

/// <summary>Lambda form of <see cref="IDifferentiableFunction.Evaluate"/>: returns f(x) and writes ∇f(x) into <paramref name="gradient"/>.</summary>
public delegate double GradientFunc(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>Lambda form of <see cref="ITwiceDifferentiableFunction.Hessian"/>: writes the row-major n×n Hessian.</summary>
public delegate void HessianFunc(ReadOnlySpan<double> x, Span<double> hessian);

/// <summary>Adapters that turn lambdas into the objective interfaces.</summary>
public static class Objective
{
    /// <summary>Wraps a value-only lambda.</summary>
    public static IObjectiveFunction FromDelegate(ObjectiveFunc value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new ValueAdapter(value);
    }

    /// <summary>Wraps a value-and-gradient lambda.</summary>
    public static IDifferentiableFunction FromDelegate(GradientFunc valueAndGradient)
    {
        ArgumentNullException.ThrowIfNull(valueAndGradient);
        return new GradientAdapter(valueAndGradient);
    }

    /// <summary>Wraps value-and-gradient and Hessian lambdas.</summary>
    public static ITwiceDifferentiableFunction FromDelegate(GradientFunc valueAndGradient, HessianFunc hessian)
    {
        ArgumentNullException.ThrowIfNull(valueAndGradient);
        ArgumentNullException.ThrowIfNull(hessian);
        return new HessianAdapter(valueAndGradient, hessian);
    }

    /// <summary>
    /// Wraps a value-only lambda and supplies its gradient by central differences
    /// (<see cref="NumericalDifferentiation.Gradient(ObjectiveFunc, ReadOnlySpan{double}, Span{double})"/>), costing 2n extra
    /// evaluations per gradient. Use it to run gradient-based optimisers on objectives without an analytic gradient.
    /// </summary>
    public static IDifferentiableFunction WithNumericalGradient(ObjectiveFunc value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new NumericalGradientAdapter(value);
    }

    private sealed class ValueAdapter(ObjectiveFunc value) : IObjectiveFunction
    {
        public double Evaluate(ReadOnlySpan<double> x) => value(x);
    }

    private sealed class GradientAdapter(GradientFunc valueAndGradient) : IDifferentiableFunction
    {
        public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient) => valueAndGradient(x, gradient);
    }

    private sealed class HessianAdapter(GradientFunc valueAndGradient, HessianFunc hessian) : ITwiceDifferentiableFunction
    {
        public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient) => valueAndGradient(x, gradient);
        public void Hessian(ReadOnlySpan<double> x, Span<double> h) => hessian(x, h);
    }

    private sealed class NumericalGradientAdapter(ObjectiveFunc value) : IDifferentiableFunction
    {
        public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient)
        {
            NumericalDifferentiation.Gradient(value, x, gradient);
            return value(x);
        }
    }
}
