// The optimisers take an optional CancellationToken; cancellation has its own test in OptimizerTests.
#pragma warning disable xUnit1051
using Scratch.ML.Optimization;
using Scratch.ML.Testing;
using Scratch.ML.Tests.Statistics;
using Xunit;

namespace Scratch.ML.Tests.Optimization;

/// <summary>Our optima against scipy.optimize.minimize on the same problems (fixtures/stats/optimize.json).</summary>
public class ScipyComparisonTests
{
    public static TheoryData<int> Cases() =>
        new(Enumerable.Range(0, Fixtures.Load("optimize.json").GetProperty("results").GetArrayLength()));

    private static GradientFunc Problem(string name) => name switch
    {
        "Rosenbrock2" or "Rosenbrock10" or "RosenbrockBounded" or "Rosenbrock10Bounded" => TestProblems.Rosenbrock,
        "Beale" => TestProblems.Beale,
        "Booth" => TestProblems.Booth,
        "Himmelblau" => TestProblems.Himmelblau,
        _ => throw new ArgumentException(name),
    };

    [Theory, MemberData(nameof(Cases))]
    public void Optimum_MatchesScipy(int index)
    {
        var c = Fixtures.Load("optimize.json").GetProperty("results")[index];
        string name = c.GetProperty("problem").GetString()!, method = c.GetProperty("method").GetString()!;
        double[] x0 = c.Doubles("x0"), expected = c.Doubles("x");
        var f = Problem(name);
        var bounds = c.GetProperty("bounds");
        double[]? lower = bounds.ValueKind == System.Text.Json.JsonValueKind.Null ? null : bounds.EnumerateArray().Select(b => b[0].D()).ToArray();
        double[]? upper = bounds.ValueKind == System.Text.Json.JsonValueKind.Null ? null : bounds.EnumerateArray().Select(b => b[1].D()).ToArray();
        OptimizationResult r = method switch
        {
            "L-BFGS-B" => Lbfgs.Minimize(f, x0, new LbfgsOptions
            {
                GradientTolerance = 1e-10, FunctionTolerance = 0,
                LowerBounds = lower, UpperBounds = upper,
            }),
            "CG" => ConjugateGradient.Minimize(f, x0, new ConjugateGradientOptions { GradientTolerance = 1e-9, MaxIterations = 20000 }),
            "Nelder-Mead" => NelderMead.Minimize(x => f(x, new double[x.Length]), x0,
                new NelderMeadOptions { StepTolerance = 1e-10, FunctionTolerance = 1e-12, MaxIterations = 20000, MaxFunctionEvaluations = 40000 }),
            _ => throw new ArgumentException(method),
        };
        Assert.True(r.Converged, $"{name}/{method}: {r.Reason}");
        // Both solvers stop at gtol ≈ 1e-9..1e-10 (or a 1e-10 simplex); on these valleys that pins x to ~1e-6.
        var tol = Tolerance.IterativeSolver.Scaled(10, "ill-conditioned valleys: x error ≈ κ·gtol");
        for (int i = 0; i < expected.Length; i++)
            Assert.True(tol.IsClose(r.X[i], expected[i]), $"{name}/{method} x[{i}] = {r.X[i]:R}, SciPy {expected[i]:R}");
        Assert.True(Math.Abs(r.Value - c.D("fun")) <= 1e-8 * Math.Max(1, Math.Abs(c.D("fun"))), $"f = {r.Value}, SciPy {c.D("fun")}");
        // Iteration-count sanity: within 3× SciPy's count (+20 for tiny counts).
        int nit = c.GetProperty("nit").GetInt32();
        Assert.True(r.Iterations <= 3 * nit + 20, $"{name}/{method}: {r.Iterations} iterations, SciPy {nit}");
    }
}
