using Scratch.ML.Rng;

namespace Scratch.ML.Tests.ReductionLinalgGrad;

/// <summary>Seeded inputs for the gradient checks (Philox <see cref="Generator"/>, float64).</summary>
internal static class GradData
{
    /// <summary>Standard normal samples of the given shape.</summary>
    public static Tensor<double> Randn(ulong seed, params int[] shape) => Tensor.Randn<double>(new Generator(seed), shape);

    /// <summary>A well-conditioned random square matrix (or batch): N(0, 1) entries plus n on the diagonal.</summary>
    public static Tensor<double> WellConditioned(ulong seed, params int[] shape)
    {
        int n = shape[^1];
        return Randn(seed, shape) + Tensor.Eye<double>(n) * (double)n;
    }

    /// <summary>A random symmetric positive-definite matrix (or batch): X·Xᵀ + n·I.</summary>
    public static Tensor<double> Spd(ulong seed, params int[] shape)
    {
        int n = shape[^1];
        var x = Randn(seed, shape);
        return x.MatMul(x.MT) + Tensor.Eye<double>(n) * (double)n;
    }

    /// <summary>A row-major tensor from values.</summary>
    public static Tensor<double> Of(double[] values, params int[] shape) => Tensor.FromArray(values, shape);
}
