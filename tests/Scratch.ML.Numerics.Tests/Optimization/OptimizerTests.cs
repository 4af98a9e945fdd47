// The optimisers take an optional CancellationToken; these tests exercise cancellation explicitly where it matters.
#pragma warning disable xUnit1051
using Xunit;
using Scratch.ML.Optimization;
using Scratch.ML.Testing;

namespace Scratch.ML.Tests.Optimization;

public class OptimizerTests
{
    public static TheoryData<string> ProblemNames() => new(TestProblems.All().Select(p => p.Name));

    private static TestProblem Problem(string name) => TestProblems.All().Single(p => p.Name == name);

    /// <summary>Parameters agree with the known minimiser to the solver's criterion (gtol 1e-8 → x to ~1e-6).</summary>
    private static void AssertNear(double[] expected, double[] actual, Tolerance tol)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(tol.IsClose(actual[i], expected[i]), $"x[{i}] = {actual[i]:R}, expected {expected[i]:R} ({tol.Name})");
    }

    private static readonly Tolerance Tight = Tolerance.IterativeSolver.Scaled(10, "Beale/Rosenbrock valleys are ill-conditioned: gtol 1e-9 on g leaves x off by κ·gtol");

    [Theory, MemberData(nameof(ProblemNames))]
    public void Lbfgs_FindsKnownMinimum(string name)
    {
        var p = Problem(name);
        var r = Lbfgs.Minimize(p.Function, p.Start, new LbfgsOptions { GradientTolerance = 1e-9, FunctionTolerance = 0 });
        // With ftol = 0 the method may also stop when f stops decreasing at the rounding floor.
        Assert.True(r.Reason is ConvergenceReason.GradientTolerance or ConvergenceReason.FunctionTolerance, r.Reason.ToString());
        AssertNear(p.Minimizer, r.X, Tight);
        Assert.True(r.Iterations < 200, $"{r.Iterations} iterations");
    }

    [Theory, MemberData(nameof(ProblemNames))]
    public void ConjugateGradient_FindsKnownMinimum(string name)
    {
        var p = Problem(name);
        var r = ConjugateGradient.Minimize(p.Function, p.Start, new ConjugateGradientOptions { GradientTolerance = 1e-9, MaxIterations = 20000 });
        Assert.Equal(ConvergenceReason.GradientTolerance, r.Reason);
        AssertNear(p.Minimizer, r.X, Tight);
    }

    [Theory, MemberData(nameof(ProblemNames))]
    public void Newton_FindsKnownMinimum(string name)
    {
        var p = Problem(name);
        var r = NewtonMethod.Minimize(p.Function, p.Hessian, p.Start, new NewtonOptions { GradientTolerance = 1e-9 });
        Assert.True(r.Converged, r.Reason.ToString());
        if (name == "Rosenbrock10")
        {
            // Extended Rosenbrock has a second local minimiser for n ≥ 4 near (−0.9933, 0.9967, 0.998, …, 1);
            // pure Newton from the classic start can go there. Either minimum is a correct answer.
            bool global = Tight.IsClose(r.X[0], 1), local = Math.Abs(r.X[0] + 0.9933) < 1e-3 && Math.Abs(r.Value - 3.98658) < 1e-4;
            Assert.True(global || local, $"x0 = {r.X[0]}, f = {r.Value}");
            Assert.True(r.GradientNorm <= 1e-9);
            return;
        }
        AssertNear(p.Minimizer, r.X, Tight);
        Assert.True(r.Iterations < 100, $"{r.Iterations} iterations");
    }

    [Fact]
    public void Lbfgs_WithNumericalGradient_ConvergesOnRosenbrock()
    {
        // Central differences carry ~1e-10 relative error, so ask for gtol 1e-6 and x to 1e-5.
        var f = Objective.WithNumericalGradient(x => TestProblems.Rosenbrock(x, default));
        var r = Lbfgs.Minimize(f, [-1.2, 1.0], new LbfgsOptions { GradientTolerance = 1e-6 });
        Assert.True(r.Converged, r.Reason.ToString());
        AssertNear([1, 1], r.X, Tolerance.IterativeSolver.Scaled(10, "finite-difference gradient"));
    }

    /// <summary>An objective written as a struct: the generic optimisers call it without virtual dispatch.</summary>
    private readonly struct BoothStruct : IDifferentiableFunction
    {
        public double Evaluate(ReadOnlySpan<double> x, Span<double> gradient) => TestProblems.Booth(x, gradient);
    }

    [Fact]
    public void StructObjective_GivesSameResultAsLambda()
    {
        var viaStruct = Lbfgs.Minimize(new BoothStruct(), [0.0, 0.0]);
        var viaLambda = Lbfgs.Minimize(TestProblems.Booth, [0.0, 0.0]);
        Assert.Equal(viaLambda.X, viaStruct.X);
        Assert.Equal(viaLambda.FunctionEvaluations, viaStruct.FunctionEvaluations);
    }

    [Fact]
    public void Newton_OnQuadratic_TakesOneStep()
    {
        var r = NewtonMethod.Minimize(TestProblems.Quadratic, TestProblems.QuadraticHessian, new double[5]);
        Assert.True(r.Iterations <= 2, $"{r.Iterations} iterations");
        AssertNear(TestProblems.QuadraticSolution(5), r.X, Tolerance.Float64Decomposition);
    }

    [Fact]
    public void Lbfgs_OnQuadratic_ConvergesInFewIterations()
    {
        // L-BFGS with exact-ish line searches on an n-dimensional quadratic behaves like CG: about n iterations.
        var r = Lbfgs.Minimize(TestProblems.Quadratic, new double[5], new LbfgsOptions { GradientTolerance = 1e-10, FunctionTolerance = 0 });
        Assert.True(r.Iterations <= 15, $"{r.Iterations} iterations");
        AssertNear(TestProblems.QuadraticSolution(5), r.X, Tolerance.IterativeSolver);
    }

    [Fact]
    public void NelderMead_Rosenbrock2()
    {
        var r = NelderMead.Minimize(x => TestProblems.Rosenbrock(x, default), [-1.2, 1.0],
            new NelderMeadOptions { StepTolerance = 1e-10, FunctionTolerance = 1e-12, MaxIterations = 5000, MaxFunctionEvaluations = 10000 });
        Assert.Equal(ConvergenceReason.StepTolerance, r.Reason);
        AssertNear([1, 1], r.X, Tolerance.IterativeSolver.Scaled(10, "simplex tolerance 1e-10 on x, f flat to second order"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NelderMead_Himmelblau_ReachesAMinimum(bool adaptive)
    {
        var r = NelderMead.Minimize(x => TestProblems.Himmelblau(x, default), [0.0, 0.0],
            new NelderMeadOptions { Adaptive = adaptive, StepTolerance = 1e-9, FunctionTolerance = 1e-12, MaxIterations = 2000, MaxFunctionEvaluations = 4000 });
        Assert.True(r.Converged);
        Assert.True(r.Value < 1e-12, $"f = {r.Value}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NelderMead_OneDimensional(bool adaptive)
    {
        var r = NelderMead.Minimize(x => (x[0] - 3) * (x[0] - 3) + 2, [10.0],
            new NelderMeadOptions { Adaptive = adaptive, StepTolerance = 1e-10, FunctionTolerance = 1e-14 });
        Assert.True(r.Converged);
        Assert.True(Math.Abs(r.X[0] - 3) < 1e-8, $"{r.X[0]}");
    }

    [Fact]
    public void Lbfgs_Bounded_OptimumOnBound()
    {
        // Rosenbrock with x₀ ≤ 0.5: the constrained minimiser is on the bound x₀ = 0.5, x₁ = 0.25.
        var options = new LbfgsOptions
        {
            LowerBounds = [-2, -2], UpperBounds = [0.5, 2], GradientTolerance = 1e-9, FunctionTolerance = 0,
        };
        var seen = new List<double[]>();
        var r = Lbfgs.Minimize((x, g) => { seen.Add(x.ToArray()); return TestProblems.Rosenbrock(x, g); }, [-1.2, 1.0], options);
        Assert.Equal(ConvergenceReason.GradientTolerance, r.Reason);
        Assert.Equal(0.5, r.X[0]);
        Assert.True(Tolerance.IterativeSolver.IsClose(r.X[1], 0.25), $"x1 = {r.X[1]}");
        foreach (var x in seen)
            Assert.True(x[0] >= -2 && x[0] <= 0.5 && x[1] >= -2 && x[1] <= 2, $"evaluated outside the box: ({x[0]}, {x[1]})");
    }

    [Fact]
    public void Lbfgs_Bounded_QuadraticWithSeveralActiveBounds()
    {
        // min ½‖x − c‖² on [0, 1]⁴ with c = (−1, 0.5, 2, 0.25): solution clamp(c, 0, 1).
        double[] c = [-1, 0.5, 2, 0.25];
        var r = Lbfgs.Minimize((x, g) =>
        {
            double f = 0;
            for (int i = 0; i < x.Length; i++) { g[i] = x[i] - c[i]; f += 0.5 * g[i] * g[i]; }
            return f;
        }, [0.5, 0.5, 0.5, 0.5], new LbfgsOptions { LowerBounds = [0, 0, 0, 0], UpperBounds = [1, 1, 1, 1], GradientTolerance = 1e-10 });
        Assert.True(r.Converged);
        AssertNear([0, 0.5, 1, 0.25], r.X, Tolerance.IterativeSolver);
        Assert.True(r.Iterations < 20);
    }

    [Fact]
    public void Lbfgs_StartOutsideBounds_IsProjected()
    {
        var r = Lbfgs.Minimize(TestProblems.Booth, [10.0, 10.0], new LbfgsOptions { LowerBounds = [-5, -5], UpperBounds = [5, 5] });
        Assert.True(r.Converged);
        AssertNear([1, 3], r.X, Tolerance.IterativeSolver.Scaled(10, "default gtol 1e-5"));
    }

    [Fact]
    public void Cancellation_IsHonoured()
    {
        using var cts = new CancellationTokenSource();
        int calls = 0;
        GradientFunc f = (x, g) => { if (++calls == 5) cts.Cancel(); return TestProblems.Rosenbrock(x, g); };
        double[] start = [-1.2, 1.0];
        Assert.Throws<OperationCanceledException>(() => Lbfgs.Minimize(f, start, null, null, cts.Token));
        calls = 0;
        Assert.Throws<OperationCanceledException>(() => ConjugateGradient.Minimize(f, start, null, null, cts.Token));
        Assert.Throws<OperationCanceledException>(() => NelderMead.Minimize(x => TestProblems.Rosenbrock(x, default), start, null, null, cts.Token));
        Assert.Throws<OperationCanceledException>(() => NewtonMethod.Minimize(TestProblems.Rosenbrock, TestProblems.RosenbrockHessian, start, null, null, cts.Token));
    }

    public static TheoryData<string> ProgressMethods() => new("Lbfgs", "LbfgsBounded", "ConjugateGradient", "NelderMead", "Newton");

    [Theory, MemberData(nameof(ProgressMethods))]
    public void Progress_IsReportedOncePerIteration(string method)
    {
        var reports = new List<OptimizationProgress>();
        var progress = new SyncProgress<OptimizationProgress>(reports.Add);
        double[] x0 = [-1.2, 1.0];
        var r = method switch
        {
            "Lbfgs" => Lbfgs.Minimize(TestProblems.Rosenbrock, x0, null, progress),
            "LbfgsBounded" => Lbfgs.Minimize(TestProblems.Rosenbrock, x0, new LbfgsOptions { LowerBounds = [-2, -2], UpperBounds = [0.5, 2] }, progress),
            "ConjugateGradient" => ConjugateGradient.Minimize(TestProblems.Rosenbrock, x0, null, progress),
            "NelderMead" => NelderMead.Minimize(x => TestProblems.Rosenbrock(x, default), x0, null, progress),
            _ => NewtonMethod.Minimize(TestProblems.Rosenbrock, TestProblems.RosenbrockHessian, x0, null, progress),
        };
        Assert.Equal(r.Iterations + 1, reports.Count);
        Assert.Equal(Enumerable.Range(0, reports.Count), reports.Select(p => p.Iteration));
        Assert.Equal(r.Value, reports[^1].Value);
    }

    [Fact]
    public void BudgetExhaustion_IsReported()
    {
        var r = Lbfgs.Minimize(TestProblems.Rosenbrock, [-1.2, 1.0], new LbfgsOptions { MaxIterations = 3 });
        Assert.Equal(ConvergenceReason.MaxIterations, r.Reason);
        Assert.Equal(3, r.Iterations);
        Assert.False(r.Converged);
    }

    public static TheoryData<double[]> BadStarts() => new([], [double.NaN, 1.0], [1.0, double.PositiveInfinity]);

    [Theory, MemberData(nameof(BadStarts))]
    public void BadStart_Throws(double[] start)
    {
        Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(TestProblems.Booth, start));
        Assert.Throws<ArgumentException>(() => ConjugateGradient.Minimize(TestProblems.Booth, start));
        Assert.Throws<ArgumentException>(() => NelderMead.Minimize(x => TestProblems.Booth(x, default), start));
        Assert.Throws<ArgumentException>(() => NewtonMethod.Minimize(TestProblems.Booth, TestProblems.BoothHessian, start));
    }

    [Fact]
    public void BadBoundsAndOptions_Throw()
    {
        double[] start = [0.0, 0.0];
        Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(TestProblems.Booth, start, new LbfgsOptions { LowerBounds = [0] }));
        Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(TestProblems.Booth, start, new LbfgsOptions { LowerBounds = [1, 1], UpperBounds = [0, 2] }));
        Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(TestProblems.Booth, start, new LbfgsOptions { LowerBounds = [double.NaN, 0] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Lbfgs.Minimize(TestProblems.Booth, start, new LbfgsOptions { Memory = 0 }));
        Assert.Throws<ArgumentException>(() => Lbfgs.Minimize((x, g) => { g.Fill(double.NaN); return double.NaN; }, start));
    }

    [Fact]
    public void NonFiniteRegion_IsAvoidedByLineSearch()
    {
        // f = x − log(x) (minimum 1 at x = 1) is NaN for x < 0; a long first step lands there and must be backed off.
        var r = Lbfgs.Minimize((x, g) => { g[0] = 1 - 1 / x[0]; return x[0] > 0 ? x[0] - Math.Log(x[0]) : double.NaN; }, [0.05]);
        Assert.True(r.Converged);
        Assert.True(Tolerance.IterativeSolver.Scaled(10, "default gtol 1e-5").IsClose(r.X[0], 1.0));
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need synchronous delivery.</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
