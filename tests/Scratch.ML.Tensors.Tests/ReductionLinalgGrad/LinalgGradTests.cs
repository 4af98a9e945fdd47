using Scratch.ML.LinearAlgebra;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.ReductionLinalgGrad.GradData;

namespace Scratch.ML.Tests.ReductionLinalgGrad;

/// <summary>VJPs of solve, inverse, determinants, Cholesky and least squares, first and second order.</summary>
public class LinalgGradTests
{
    [Fact]
    public void SolveGradientsForVectorAndMatrixRightHandSides()
    {
        var a = WellConditioned(21, 4, 4);
        GradCheck.Check(v => Linalg.Solve(v[0], v[1]), [a, Randn(22, 4)]);
        GradCheck.Check(v => Linalg.Solve(v[0], v[1]), [a, Randn(23, 4, 3)]);
        GradCheck.Check(v => Linalg.Solve(v[0], v[1]), [a.MT, Randn(24, 3, 4).MT]);   // strided operands
    }

    [Fact]
    public void BatchedSolveGradients()
    {
        var a = WellConditioned(25, 2, 3, 3);
        GradCheck.Check(v => Linalg.Solve(v[0], v[1]), [a, Randn(26, 2, 3)]);        // batched vectors
        GradCheck.Check(v => Linalg.Solve(v[0], v[1]), [a, Randn(27, 2, 3, 2)]);     // batched matrices
        GradCheck.Check(v => Linalg.Solve(v[0], v[1]), [WellConditioned(28, 2, 1, 3, 3), Randn(29, 2, 1, 3, 2)]);
    }

    [Fact]
    public void SolveOnlyForTheInputsThatNeedIt()
    {
        var a = WellConditioned(30, 3, 3);
        var b = Randn(31, 3).RequireGrad();
        Linalg.Solve(a, b).Sum().Backward();
        // ∂(1ᵀA⁻¹b)/∂b = A⁻ᵀ1.
        TensorAssert.Close(Linalg.Solve(a.MT, Tensor.Ones<double>(3)), b.Grad!, Tolerance.GradCheck);
        Assert.Null(a.Grad);
    }

    [Fact]
    public void SolveSecondOrder()
    {
        GradCheck.CheckSecondOrder(v => Linalg.Solve(v[0], v[1]), [WellConditioned(32, 3, 3), Randn(33, 3, 2)]);
        GradCheck.CheckSecondOrder(v => Linalg.Solve(v[0], v[1]), [WellConditioned(34, 2, 3, 3), Randn(35, 2, 3)]);
    }

    [Fact]
    public void InverseGradientsFirstAndSecondOrder()
    {
        GradCheck.Check(v => Linalg.Inverse(v[0]), [WellConditioned(40, 4, 4)]);
        GradCheck.Check(v => Linalg.Inverse(v[0]), [WellConditioned(41, 2, 3, 3).MT]);
        GradCheck.CheckSecondOrder(v => Linalg.Inverse(v[0]), [WellConditioned(42, 3, 3)]);
    }

    [Fact]
    public void DeterminantGradients()
    {
        GradCheck.Check(v => Linalg.Determinant(v[0]), [WellConditioned(50, 4, 4) * 0.5]);
        GradCheck.Check(v => Linalg.Determinant(v[0]), [Randn(51, 2, 3, 3)]);
        GradCheck.CheckSecondOrder(v => Linalg.Determinant(v[0]), [Randn(52, 3, 3)]);
        var a = Randn(53, 3, 3).RequireGrad();
        var d = Linalg.Determinant(a);
        Assert.Equal(0, d.Rank);
        Assert.Equal(Linalg.Det(a.Detach()), d.ToScalar(), 12);
    }

    [Fact]
    public void DeterminantOfASingularMatrixGivesTheCofactorMatrix()
    {
        // A = [[1, 2], [2, 4]] is singular; ∂det/∂A = adj(A)ᵀ = [[4, −2], [−2, 1]] (PyTorch 1.13 returns 0 here).
        var a = Of([1, 2, 2, 4], 2, 2).RequireGrad();
        Linalg.Determinant(a).Backward();
        TensorAssert.Close(Of([4, -2, -2, 1], 2, 2), a.Grad!, Tolerance.GradCheck);
        GradCheck.Check(v => Linalg.Determinant(v[0]), [Of([1, 2, 3, 2, 4, 6, 0, 1, 5], 3, 3)]);
        var b = Of([1, 2, 2, 4], 2, 2).RequireGrad();
        var ex = Assert.Throws<NotSupportedException>(() => Autograd.Grad([Linalg.Determinant(b)], [b], createGraph: true));
        Assert.Contains("singular", ex.Message);
    }

    [Fact]
    public void LogAbsDetAndLogDetGradients()
    {
        var a = WellConditioned(60, 3, 3);
        GradCheck.Check(v => Linalg.LogAbsDet(v[0]), [Randn(61, 4, 4)]);
        GradCheck.Check(v => Linalg.LogAbsDet(v[0]), [Randn(62, 2, 3, 3)]);
        GradCheck.Check(v => Linalg.LogDet(v[0]), [Spd(63, 3, 3)]);
        GradCheck.CheckSecondOrder(v => Linalg.LogAbsDet(v[0]), [a]);
        GradCheck.CheckSecondOrder(v => Linalg.LogDet(v[0]), [Spd(64, 2, 3, 3)]);
        var sign = Linalg.Slogdet(a).Sign;
        Assert.Equal(Linalg.Slogdet(a).LogAbsDet, Linalg.LogAbsDet(a).ToScalar(), 12);
        Assert.Equal(sign > 0 ? Linalg.Slogdet(a).LogAbsDet : double.NaN, Linalg.LogDet(a).ToScalar(), 12);
        Assert.True(double.IsNaN(Linalg.LogDet(Of([0, 1, 1, 0], 2, 2)).ToScalar()));
    }

    [Fact]
    public void LogAbsDetBackwardOfASingularMatrixThrows()
    {
        var a = Of([1, 2, 2, 4], 2, 2).RequireGrad();
        var y = Linalg.LogAbsDet(a);
        Assert.Equal(double.NegativeInfinity, y.ToScalar());
        Assert.Throws<SingularMatrixException>(() => y.Backward());
    }

    [Fact]
    public void CholeskyGradientAlongSymmetricPerturbations()
    {
        // The factor reads only the lower triangle, so the check goes through a symmetric parametrisation.
        GradCheck.Check(v => Linalg.Cholesky((v[0] + v[0].MT) * 0.5), [Spd(70, 4, 4)]);
        GradCheck.Check(v => Linalg.Cholesky(v[0].MatMul(v[0].MT) + Tensor.Eye<double>(3)), [Randn(71, 3, 3)]);
        GradCheck.Check(v => Linalg.Cholesky((v[0] + v[0].MT) * 0.5), [Spd(72, 2, 3, 3)]);
    }

    [Fact]
    public void CholeskyGradientIsSymmetric()
    {
        var a = Spd(73, 4, 4).RequireGrad();
        Linalg.Cholesky(a).Backward(Randn(74, 4, 4));
        TensorAssert.Close(a.Grad!.MT.Clone(), a.Grad!, Tolerance.GradCheck);
    }

    [Fact]
    public void CholeskySecondOrder()
    {
        GradCheck.CheckSecondOrder(v => Linalg.Cholesky((v[0] + v[0].MT) * 0.5), [Spd(75, 3, 3)]);
        // The Gaussian log-likelihood use case: log det Σ = 2 Σᵢ log Lᵢᵢ.
        GradCheck.CheckSecondOrder(v => Linalg.Cholesky((v[0] + v[0].MT) * 0.5).Diagonal().Log().Sum() * 2.0, [Spd(76, 3, 3)]);
    }

    [Fact]
    public void LeastSquaresGradients()
    {
        var a = Randn(80, 6, 3);
        GradCheck.Check(v => Linalg.LeastSquares(v[0], v[1]), [a, Randn(81, 6)]);
        GradCheck.Check(v => Linalg.LeastSquares(v[0], v[1]), [a, Randn(82, 6, 2)]);
        GradCheck.Check(v => Linalg.LeastSquares(v[0], v[1]), [Randn(83, 3, 3) + Tensor.Eye<double>(3) * 3.0, Randn(84, 3)]);
    }

    [Fact]
    public void NonDifferentiableDecompositionsRefuseInputsThatRequireGrad()
    {
        var a = Spd(90, 3, 3).RequireGrad();
        var b = Randn(91, 3);
        Action[] calls =
        [
            () => Linalg.Lu(a), () => Linalg.LuFactor(a), () => Linalg.Svd(Randn(94, 2, 3).RequireGrad()),
            () => Linalg.Qr(Randn(92, 2, 3).RequireGrad()), () => Linalg.Qr(Randn(93, 3, 2).RequireGrad(), QrMode.Complete),
            () => Linalg.Eigvals(a), () => Linalg.Lstsq(a, b),
        ];
        foreach (var call in calls)
        {
            var ex = Assert.Throws<NotSupportedException>(call);
            Assert.Contains("not differentiable", ex.Message);
            Assert.Contains("Linalg.", ex.Message);
        }
        using (Autograd.NoGrad()) Assert.Equal(3, Linalg.Svd(a).S.Length);
        Assert.Equal(3, Linalg.Svd(a.Detach()).S.Length);
    }

    [Fact]
    public void BatchedForwardMatchesPerMatrixResults()
    {
        var a = Spd(95, 2, 3, 3);
        var b = Randn(96, 2, 3, 2);
        var x = Linalg.Solve(a, b);
        var l = Linalg.Cholesky(a);
        var inv = Linalg.Inverse(a);
        var det = Linalg.Determinant(a);
        Assert.Equal([2, 3, 2], x.ShapeArray());
        Assert.Equal([2], det.ShapeArray());
        for (int i = 0; i < 2; i++)
        {
            var ai = a.Select(0, i);
            TensorAssert.Close(Linalg.Solve(ai, b.Select(0, i)), x.Select(0, i), Tolerance.GradCheck);
            TensorAssert.Close(Linalg.Cholesky(ai), l.Select(0, i), Tolerance.GradCheck);
            TensorAssert.Close(Linalg.Inverse(ai), inv.Select(0, i), Tolerance.GradCheck);
            Assert.Equal(Linalg.Det(ai), det.ToArray()[i], 10);
        }
        var ex = Assert.Throws<ArgumentException>(() => Linalg.Solve(a, Randn(97, 3, 3, 2)));
        Assert.Contains("(2, 3, 3)", ex.Message);
        Assert.Contains("(3, 3, 2)", ex.Message);
        var notSquare = Assert.Throws<ArgumentException>(() => Linalg.Inverse(Randn(98, 2, 3, 4)));
        Assert.Contains("(2, 3, 4)", notSquare.Message);
        Assert.Throws<ArgumentException>(() => Linalg.Cholesky(Randn(99, 3)));
    }

    [Fact]
    public void EigvalshGradientFirstAndSecondOrder()
    {
        // dλᵢ = vᵢᵀ·dA·vᵢ; checked along symmetric perturbations (the solver reads the lower triangle).
        GradCheck.Check(v => Linalg.Eigvalsh((v[0] + v[0].MT) * 0.5), [Spd(100, 4, 4)]);
        GradCheck.CheckSecondOrder(v => Linalg.Eigvalsh((v[0] + v[0].MT) * 0.5), [Spd(101, 3, 3)]);
        var a = Spd(102, 3, 3).RequireGrad();
        Linalg.Eigvalsh(a).Sum().Backward();   // Σλ = tr A
        TensorAssert.Close(Tensor.Eye<double>(3), a.Grad!, Tolerance.GradCheck);
    }

    [Fact]
    public void EighGradientsForValuesAndSignInvariantVectorLosses()
    {
        // Eigenvector signs are arbitrary, so the vector loss uses vᵢ⊙vᵢ (invariant under vᵢ → −vᵢ).
        GradCheck.Check(v => Linalg.Eigh((v[0] + v[0].MT) * 0.5).Values, [Spd(103, 4, 4)]);
        GradCheck.Check(v => { var e = Linalg.Eigh((v[0] + v[0].MT) * 0.5); return e.Vectors * e.Vectors; }, [Spd(104, 4, 4)]);
        GradCheck.Check(v => { var e = Linalg.Eigh((v[0] + v[0].MT) * 0.5); return e.Vectors * e.Vectors * e.Values; }, [Spd(105, 3, 3)]);
        GradCheck.CheckSecondOrder(v => { var e = Linalg.Eigh((v[0] + v[0].MT) * 0.5); return e.Vectors * e.Vectors + e.Values; }, [Spd(106, 3, 3)]);
    }

    [Fact]
    public void PinvGradientsForFullRankMatrices()
    {
        GradCheck.Check(v => Linalg.Pinv(v[0]), [Randn(110, 5, 3)]);
        GradCheck.Check(v => Linalg.Pinv(v[0]), [Randn(111, 2, 4)]);
        GradCheck.Check(v => Linalg.Pinv(v[0]).MatMul(v[1]), [Randn(112, 4, 2).MT, Randn(113, 2)]);
        GradCheck.CheckSecondOrder(v => Linalg.Pinv(v[0]), [Randn(114, 4, 2)]);
        // Square nonsingular: the same gradient as the inverse.
        var a = WellConditioned(115, 3, 3);
        var g = Randn(116, 3, 3);
        var p = a.Detach().RequireGrad();
        Linalg.Pinv(p).Backward(g);
        var q = a.Detach().RequireGrad();
        Linalg.Inverse(q).Backward(g);
        TensorAssert.Close(q.Grad!, p.Grad!, Tolerance.GradCheck);
    }

    [Fact]
    public void QrGradientsForTallAndSquareMatrices()
    {
        GradCheck.Check(v => Linalg.Qr(v[0]).Q, [Randn(120, 5, 3)]);
        GradCheck.Check(v => Linalg.Qr(v[0]).R, [Randn(121, 5, 3)]);
        GradCheck.Check(v => { var (q, r) = Linalg.Qr(v[0]); return q.MatMul(r.Square()); }, [Randn(122, 4, 4)]);
        GradCheck.Check(v => Linalg.Qr(v[0], QrMode.Complete).Q, [Randn(123, 3, 3).MT]);
        GradCheck.CheckSecondOrder(v => { var (q, r) = Linalg.Qr(v[0]); return q.Sum(0) * 2.0 + r.Square().Sum(0); }, [Randn(124, 4, 3)]);
    }

    [Fact]
    public void SvdGradientsForThinFactors()
    {
        // Each singular pair (uᵢ, vᵢ) has an arbitrary joint sign: the losses use U·Vh, U⊙U and Vh⊙Vh, which do not see it.
        foreach (var a in new[] { Randn(140, 5, 3), Randn(141, 3, 5), Randn(142, 4, 4) })
        {
            GradCheck.Check(v => Linalg.Svd(v[0], fullMatrices: false).S, [a]);
            GradCheck.Check(v => { var r = Linalg.Svd(v[0], fullMatrices: false); return r.U.MatMul(r.Vh); }, [a]);
            GradCheck.Check(v => { var r = Linalg.Svd(v[0], fullMatrices: false); return r.U * r.U; }, [a]);
            GradCheck.Check(v => { var r = Linalg.Svd(v[0], fullMatrices: false); return r.Vh * r.Vh * r.S.Unsqueeze(1); }, [a]);
            GradCheck.Check(v => Linalg.SvdValues(v[0]), [a]);
        }
        GradCheck.CheckSecondOrder(v => Linalg.SvdValues(v[0]), [Randn(143, 4, 3)]);
        GradCheck.CheckSecondOrder(v => { var r = Linalg.Svd(v[0], fullMatrices: false); return r.U * r.U + r.S.Sum(); }, [Randn(144, 3, 3)]);
    }
}
