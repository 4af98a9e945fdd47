using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>Sets <c>lr = base·λ(epoch)</c> with a user function per group (PyTorch's <c>LambdaLR</c>).</summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class LambdaLR<T> : LRScheduler<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Func<int, double>[] lambdas;

    /// <summary>Creates the schedule with one function for every group.</summary>
    /// <param name="optimizer">The optimiser.</param>
    /// <param name="lrLambda">The multiplicative factor as a function of the epoch.</param>
    public LambdaLR(Optimizer<T> optimizer, Func<int, double> lrLambda) : this(optimizer, Repeat(optimizer, lrLambda)) { }

    /// <summary>Creates the schedule with one function per group.</summary>
    /// <param name="optimizer">The optimiser.</param>
    /// <param name="lrLambdas">One factor function per parameter group.</param>
    /// <exception cref="ArgumentException">The number of functions differs from the number of groups.</exception>
    public LambdaLR(Optimizer<T> optimizer, IReadOnlyList<Func<int, double>> lrLambdas) : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(lrLambdas);
        if (lrLambdas.Count != optimizer.ParamGroups.Count)
            throw new ArgumentException($"Expected {optimizer.ParamGroups.Count} lr lambdas (one per parameter group), but got {lrLambdas.Count}.", nameof(lrLambdas));
        lambdas = [.. lrLambdas];
        Initialize();
    }

    private static Func<int, double>[] Repeat(Optimizer<T> optimizer, Func<int, double> f)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(f);
        return [.. Enumerable.Repeat(f, optimizer.ParamGroups.Count)];
    }

    /// <inheritdoc />
    protected override double[] ComputeLr()
    {
        var lr = new double[BaseLrs.Length];
        for (int i = 0; i < lr.Length; i++) lr[i] = BaseLrs[i] * lambdas[i](LastEpoch);
        return lr;
    }
}
