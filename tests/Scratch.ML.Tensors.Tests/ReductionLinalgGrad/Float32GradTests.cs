using Scratch.ML.LinearAlgebra;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.ReductionLinalgGrad.GradData;

namespace Scratch.ML.Tests.ReductionLinalgGrad;

/// <summary>The VJPs are generic: float32 gradients agree with the float64 ones (checked by GradCheck) to float32 rounding.</summary>
public class Float32GradTests
{
    // Inputs of order ≤ 4, κ ≲ 10: float32 backward passes lose a few ulps (ε = 1.2e-7) times κ.
    private static readonly Tolerance Tol = Tolerance.Float32VsTorch;

    public static TheoryData<string> Ops => new() { "prod", "max", "var", "std", "logsumexp", "norm2", "norm3", "solve", "inverse", "det", "logabsdet", "cholesky", "eigvalsh", "pinv", "qr" };

    [Theory]
    [MemberData(nameof(Ops))]
    public void Float32GradientMatchesFloat64(string op)
    {
        var x64 = op is "cholesky" or "eigvalsh" ? Spd(130, 3, 3) : op is "solve" or "inverse" or "det" or "logabsdet" ? WellConditioned(131, 3, 3) : Randn(132, 3, 3);
        var g64 = Grad(x64, op);
        var g32 = Grad(x64.Cast<float>(), op);
        TensorAssert.Close(g64.Cast<float>(), g32, Tol);
    }

    private static Tensor<T> Grad<T>(Tensor<T> x, string op) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var leaf = x.Detach().Clone().RequireGrad();
        var y = op switch
        {
            "prod" => leaf.Prod(1),
            "max" => leaf.Max(0),
            "var" => leaf.Var(1, ddof: 1),
            "std" => leaf.Std([0, 1]),
            "logsumexp" => leaf.LogSumExp(-1),
            "norm2" => leaf.Norm(2, 0),
            "norm3" => leaf.Norm(3),
            "solve" => Linalg.Solve(leaf, Tensor.Ones<T>(3)),
            "inverse" => Linalg.Inverse(leaf),
            "det" => Linalg.Determinant(leaf),
            "logabsdet" => Linalg.LogAbsDet(leaf),
            "cholesky" => Linalg.Cholesky((leaf + leaf.MT) * T.CreateChecked(0.5)),
            "eigvalsh" => Linalg.Eigvalsh((leaf + leaf.MT) * T.CreateChecked(0.5)),
            "pinv" => Linalg.Pinv(leaf),
            "qr" => Linalg.Qr(leaf).R,
            _ => throw new ArgumentException(op),
        };
        // A fixed, non-uniform output gradient so every element of the Jacobian is weighted differently.
        var w = Tensor.Arange<T>(T.One, T.CreateChecked(1 + y.Length), T.One).Reshape(y.Shape) / T.CreateChecked(y.Length);
        (y * w).Sum().Backward();
        return leaf.Grad!;
    }
}
