using Scratch.ML.Learn.Svm;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Learn.Svm;

/// <summary>Properties of the SMO solution: KKT conditions, shrinking and cache size do not change it, precomputed = RBF.</summary>
public class SmoPropertyTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(10.0)]
    public void KktConditionsHoldAtTheSolution(double c)
    {
        var (x, y) = SvmFixture.Classification("breast_cancer");
        var m = new SVC(C: c, Tol: 1e-10).Fit(x, y);
        var f = m.DecisionFunction(x).ToArray();          // positive → class 1
        var alpha = new double[y.Length];
        var coef = m.DualCoef.ToArray();
        double balance = 0;
        for (int s = 0; s < coef.Length; s++)
        {
            int i = m.SupportIndices[s];
            alpha[i] = Math.Abs(coef[s]);
            balance += coef[s];
            Assert.True(alpha[i] <= c * (1 + 1e-12), $"α[{i}] = {alpha[i]} exceeds C = {c}");
        }
        Assert.Equal(0.0, balance, 1e-9);                   // yᵀα = 0
        // Complementary slackness: α = 0 ⇒ y f ≥ 1, 0 < α < C ⇒ y f = 1, α = C ⇒ y f ≤ 1. The solver stops when the
        // maximal violation in the gradient is < 1e-10; ρ is averaged over free vectors, so margins are exact to ~1e-9.
        const double slack = 1e-8;
        int free = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double margin = (y[i] == 1 ? 1 : -1) * f[i];
            if (alpha[i] == 0) Assert.True(margin >= 1 - slack, $"row {i}: α = 0 but y f = {margin}");
            else if (alpha[i] < c * (1 - 1e-12)) { free++; Assert.True(Math.Abs(margin - 1) < slack, $"row {i}: free but y f = {margin}"); }
            else Assert.True(margin <= 1 + slack, $"row {i}: α = C but y f = {margin}");
        }
        Assert.True(free > 0);
    }

    [Theory]
    [InlineData(SvmKernel.Rbf)]
    [InlineData(SvmKernel.Poly)]
    public void ShrinkingOnAndOffGiveTheSameSolution(SvmKernel kernel)
    {
        // Breast cancer, not iris: iris has duplicated rows, whose α split is not unique (only their sum is).
        var (x, y) = SvmFixture.Classification("breast_cancer");
        var on = new SVC(Kernel: kernel, Tol: 1e-10, Shrinking: true).Fit(x, y);
        var off = new SVC(Kernel: kernel, Tol: 1e-10, Shrinking: false).Fit(x, y);
        Assert.Equal(on.SupportIndices, off.SupportIndices);
        // Both are converged to a KKT violation < 1e-10 along different paths.
        var tol = new Tolerance("ShrinkingPaths", 1e-7, 1e-7);
        TensorAssert.Close(on.DualCoef, off.DualCoef, tol);
        TensorAssert.Close(on.Intercept, off.Intercept, tol);
        var r = new SVR(C: 30, Epsilon: 2, Tol: 1e-10);
        var ds = Scratch.ML.Learn.Datasets.SmallDatasets.LoadDiabetes();
        TensorAssert.Close(r.Fit(ds.Data, ds.Target).Predict(ds.Data), (r with { Shrinking = false }).Fit(ds.Data, ds.Target).Predict(ds.Data), tol);
    }

    [Fact]
    public void TinyAndLargeCachesGiveIdenticalResults()
    {
        // Every kernel entry is computed by the same routine whether it is cached or recomputed, so the cache size
        // changes only the work, never a bit of the answer.
        var (x, y) = SvmFixture.Classification("breast_cancer");
        var large = new SVC(C: 3).Fit(x, y);
        var tiny = new SVC(C: 3, CacheSizeMb: 0.001).Fit(x, y);
        Assert.Equal(large.SupportIndices, tiny.SupportIndices);
        Assert.Equal(large.Iterations, tiny.Iterations);
        TensorAssert.Close(large.DualCoef, tiny.DualCoef, Tolerance.Exact);
        TensorAssert.Close(large.Intercept, tiny.Intercept, Tolerance.Exact);
        var ds = Scratch.ML.Learn.Datasets.SmallDatasets.LoadDiabetes();
        var r = new SVR(C: 30, Epsilon: 2);
        TensorAssert.Close(r.Fit(ds.Data, ds.Target).Predict(ds.Data), (r with { CacheSizeMb = 0.001 }).Fit(ds.Data, ds.Target).Predict(ds.Data), Tolerance.Exact);
    }

    [Fact]
    public void PrecomputedKernelEqualsTheRbfPath()
    {
        var (x, y) = SvmFixture.Classification("breast_cancer");   // no duplicated rows: α is unique
        var rbf = new SVC(Tol: 1e-10).Fit(x, y);
        double gamma = rbf.Gamma;
        var all = x.ToArray();
        double mean = all.Average(), variance = all.Sum(v => (v - mean) * (v - mean)) / all.Length;
        Assert.Equal(1.0 / (30 * variance), gamma, 12);   // "scale": 1 / (d · Var(X))
        var sq = (x * x).Sum(1);
        var dist = sq.Unsqueeze(1) + sq.Unsqueeze(0) - x.MatMul(x.Transpose(0, 1)) * 2.0;
        var gram = (dist * -gamma).Exp();
        var pre = new SVC(Kernel: SvmKernel.Precomputed, Tol: 1e-10).Fit(gram, y);
        Assert.Equal(rbf.SupportIndices, pre.SupportIndices);
        // Kernel values from a different formula (our GEMM-based Gram vs the solver's dot products): ~1e-15 each.
        var tol = new Tolerance("GramFormula", 1e-9, 1e-9);
        TensorAssert.Close(rbf.DualCoef, pre.DualCoef, tol);
        TensorAssert.Close(rbf.Intercept, pre.Intercept, tol);
        TensorAssert.Close(rbf.DecisionFunction(x), pre.DecisionFunction(gram), tol);
    }
}
