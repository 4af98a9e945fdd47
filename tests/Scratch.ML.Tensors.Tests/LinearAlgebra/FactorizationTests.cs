using System.Numerics;
using Scratch.ML.LinearAlgebra;
using Scratch.ML.Testing;
using Xunit;
using static Scratch.ML.Tests.LinearAlgebra.LinalgTestData;

namespace Scratch.ML.Tests.LinearAlgebra;

/// <summary>Reconstruction properties of LU, Cholesky and QR over sizes 1…300 in float and double.</summary>
public class FactorizationTests
{
    public static TheoryData<int> Sizes => [1, 2, 3, 5, 8, 17, 64, 300];
    public static TheoryData<int> CholeskySizes => [1, 2, 3, 5, 8, 17, 64, 129];
    public static TheoryData<int> SmallSizes => [1, 2, 3, 5, 8, 17, 40];

    [Theory, MemberData(nameof(Sizes))]
    public void LuReconstructsDouble(int n) => CheckLu<double>(n);

    [Theory, MemberData(nameof(SmallSizes))]
    public void LuReconstructsFloat(int n) => CheckLu<float>(n);

    private static void CheckLu<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Random<T>(n, n, seed: n);
        var f = Linalg.Lu(a);
        var l = ToDouble(f.L);
        var u = ToDouble(f.U);
        AssertClose(Mul(ToDouble(f.P), ToDouble(a)), Mul(l, u), Tol<T>(n), "PA = LU");
        AssertUpperTriangular(u, "U");
        AssertUpperTriangular(Transpose(l), "Lᵀ");
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(1.0, l[i, i]);
            for (int j = 0; j < i; j++) Assert.True(Math.Abs(l[i, j]) <= 1.0, "partial pivoting keeps |L| ≤ 1");
        }
        Assert.Equal(-1, f.FirstZeroPivot);
    }

    [Theory]
    [InlineData(7, 3)]
    [InlineData(50, 16)]
    [InlineData(65, 64)]
    public void BlockedLuMatchesUnblockedTwin(int n, int nb)
    {
        var a = Random<double>(n, n, seed: 11).ToArray();
        var blocked = (double[])a.Clone();
        var pivB = new int[n];
        var pivU = new int[n];
        LuKernel.Factor(blocked, n, pivB, nb);
        LuKernel.Factor(a, n, pivU, n);
        Assert.Equal(pivU, pivB);
        TensorAssert.Close<double>(a, blocked, Tolerance.Float64Decomposition);
    }

    [Theory, MemberData(nameof(CholeskySizes))]
    public void CholeskyReconstructsDouble(int n) => CheckCholesky<double>(n);

    [Theory, MemberData(nameof(SmallSizes))]
    public void CholeskyReconstructsFloat(int n) => CheckCholesky<float>(n);

    private static void CheckCholesky<T>(int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Spd<T>(n, seed: n + 100);
        var l = ToDouble(Linalg.Cholesky(a));
        AssertUpperTriangular(Transpose(l), "L");
        AssertClose(ToDouble(a), Mul(l, Transpose(l)), Tol<T>(n), "LLᵀ = A");
    }

    [Theory]
    [InlineData(9, 4)]
    [InlineData(70, 32)]
    public void BlockedCholeskyMatchesUnblockedTwin(int n, int nb)
    {
        var a = Spd<double>(n, seed: 5).ToArray();
        var blocked = (double[])a.Clone();
        Assert.Equal(-1, CholeskyKernel.Factor(blocked, n, nb));
        Assert.Equal(-1, CholeskyKernel.Factor(a, n, n));
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
                Assert.True(Tolerance.Float64Decomposition.IsClose(blocked[i * n + j], a[i * n + j]), $"L[{i}, {j}]");
    }

    public static TheoryData<int, int> QrShapes => new()
    {
        { 1, 1 }, { 2, 2 }, { 3, 3 }, { 5, 3 }, { 3, 5 }, { 1, 4 }, { 4, 1 }, { 17, 9 }, { 9, 17 }, { 40, 40 }, { 300, 280 },
    };

    [Theory, MemberData(nameof(QrShapes))]
    public void QrReconstructsDouble(int m, int n)
    {
        CheckQr<double>(m, n, QrMode.Reduced);
        if (m < 100) CheckQr<double>(m, n, QrMode.Complete);
    }

    [Theory, MemberData(nameof(QrShapes))]
    public void QrReconstructsFloat(int m, int n)
    {
        if (m > 100) return;
        CheckQr<float>(m, n, QrMode.Reduced);
        CheckQr<float>(m, n, QrMode.Complete);
    }

    private static void CheckQr<T>(int m, int n, QrMode mode) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = Random<T>(m, n, seed: m * 31 + n);
        var (q, r) = Linalg.Qr(a, mode);
        int k = Math.Min(m, n);
        Assert.Equal(mode == QrMode.Complete ? [m, m] : new[] { m, k }, q.ShapeArray());
        Assert.Equal(mode == QrMode.Complete ? [m, n] : new[] { k, n }, r.ShapeArray());
        var qd = ToDouble(q);
        var rd = ToDouble(r);
        AssertOrthonormalColumns(qd, Tol<T>(Math.Max(m, n)), "Q");
        AssertUpperTriangular(rd, "R");
        AssertClose(ToDouble(a), Mul(qd, rd), Tol<T>(Math.Max(m, n)), "QR = A");
    }

    [Theory]
    [InlineData(20, 13, 4)]
    [InlineData(13, 20, 5)]
    [InlineData(70, 70, 32)]
    public void BlockedQrMatchesUnblockedTwin(int m, int n, int nb)
    {
        var a = Random<double>(m, n, seed: 3).ToArray();
        var blocked = (double[])a.Clone();
        int k = Math.Min(m, n);
        var tauB = new double[k];
        var tauU = new double[k];
        QrKernel.Factor(blocked, m, n, tauB, nb);
        QrKernel.Factor(a, m, n, tauU, k);
        TensorAssert.Close<double>(tauU, tauB, Tolerance.Float64Decomposition);
        TensorAssert.Close<double>(a, blocked, Tolerance.Float64Decomposition);
    }
}
