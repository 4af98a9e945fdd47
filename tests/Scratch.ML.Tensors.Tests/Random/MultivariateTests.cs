using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.Rng;

/// <summary>Dirichlet and multivariate normal: supports, sums and first/second moments within 6 standard errors.</summary>
public class MultivariateTests
{
    [Theory]
    [InlineData(new[] { 1.0, 1.0, 1.0 })]
    [InlineData(new[] { 0.1, 0.5, 2.0, 10.0 })]
    [InlineData(new[] { 1e-3, 1e-3 })]
    public void DirichletRowsSumToOneWithTheRightMeans(double[] alpha)
    {
        const int n = 100_000;
        int k = alpha.Length;
        var x = Tensor.Dirichlet<double>(alpha, n, new Generator(40)).ToArray2D();
        double a0 = alpha.Sum();
        for (int r = 0; r < n; r++)
        {
            double s = 0;
            for (int j = 0; j < k; j++) { Assert.InRange(x[r, j], 0, 1); s += x[r, j]; }
            Assert.Equal(1.0, s, 1e-12);
        }
        for (int j = 0; j < k; j++)
        {
            double m = alpha[j] / a0, v = m * (1 - m) / (a0 + 1);
            var col = Enumerable.Range(0, n).Select(r => x[r, j]).ToArray();
            RandomStats.Moments(col, m, v, null, $"dirichlet marginal {j}");
        }
        var f = Tensor.Dirichlet<float>(alpha, 100, new Generator(41)).ToArray2D();
        for (int r = 0; r < 100; r++) Assert.Equal(1.0, Enumerable.Range(0, k).Sum(j => (double)f[r, j]), 1e-5);
    }

    [Fact]
    public void MultivariateNormalSampleCovarianceMatches()
    {
        const int n = 200_000;
        double[] mu = [1, -2, 0.5];
        double[,] cov = { { 4, 1.2, -0.6 }, { 1.2, 1, 0.3 }, { -0.6, 0.3, 0.5 } };
        var x = Tensor.MultivariateNormal(Tensor.FromArray(mu), Tensor.FromArray(cov), n, new Generator(50)).ToArray2D();
        CheckMeanAndCovariance(x, mu, cov, n);
    }

    [Fact]
    public void SemiDefiniteCovarianceAndGivenFactorWork()
    {
        const int n = 100_000;
        // Rank 1: x₂ = 2·x₁ exactly (up to rounding).
        double[,] cov = { { 1, 2 }, { 2, 4 } };
        var x = Tensor.MultivariateNormal(Tensor.FromArray([0.0, 0.0]), Tensor.FromArray(cov), n, new Generator(51)).ToArray2D();
        for (int r = 0; r < 100; r++) Assert.Equal(2 * x[r, 0], x[r, 1], 1e-12);
        CheckMeanAndCovariance(x, [0, 0], cov, n);
        // A lower factor L: Σ = L·Lᵀ; the entry above the diagonal is ignored.
        double[,] l = { { 2, 99 }, { 1, 1 } };
        var y = Tensor.MultivariateNormalFromFactor(Tensor.FromArray([3.0, 4.0]), Tensor.FromArray(l), n, new Generator(52)).ToArray2D();
        CheckMeanAndCovariance(y, [3, 4], new double[,] { { 4, 2 }, { 2, 2 } }, n);
        var f = Tensor.MultivariateNormal(Tensor.FromArray([0f, 1f]), Tensor.FromArray(new float[,] { { 1, 0.5f }, { 0.5f, 1 } }), 1000, new Generator(53));
        Assert.Equal([1000, 2], f.ShapeArray());
    }

    private static void CheckMeanAndCovariance(double[,] x, double[] mu, double[,] cov, int n)
    {
        int d = mu.Length;
        for (int i = 0; i < d; i++)
        {
            double m = 0;
            for (int r = 0; r < n; r++) m += x[r, i];
            m /= n;
            Assert.True(Math.Abs(m - mu[i]) <= 6 * Math.Sqrt(cov[i, i] / n) + 1e-12, $"mean {i}: {m} vs {mu[i]}");
            for (int j = 0; j <= i; j++)
            {
                double c = 0;
                for (int r = 0; r < n; r++) c += (x[r, i] - mu[i]) * (x[r, j] - mu[j]);
                c /= n;
                // Var of a product of jointly normal centred variables: Σᵢᵢ·Σⱼⱼ + Σᵢⱼ².
                double se = Math.Sqrt((cov[i, i] * cov[j, j] + cov[i, j] * cov[i, j]) / n);
                Assert.True(Math.Abs(c - cov[i, j]) <= 6 * se + 1e-12, $"cov[{i},{j}]: {c} vs {cov[i, j]}");
            }
        }
    }
}
