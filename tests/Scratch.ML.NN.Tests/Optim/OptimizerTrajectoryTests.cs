using System.Text.Json;
using Scratch.ML.NN;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Optim;

/// <summary>
/// Every optimiser configuration reproduces PyTorch 1.13's 20-step float64 trajectory on the fixed problem of
/// <see cref="OptimFixtures.Problem{T}"/> (fixtures from tests/reference/torch_optim.py).
/// </summary>
public class OptimizerTrajectoryTests
{
    /// <summary>
    /// Relative 1e-10 (absolute 1e-12 near zero). Both sides run the same formulas in float64 in the same operation
    /// order; the remaining differences are last-bit ones (ATen's vectorised add may fuse a multiply-add, BLAS sums
    /// the 3-term dot products of X·W in another order, libm pow/cos may differ by an ulp), ~1e-16 per step, grown by
    /// at most a few hundred over 20 steps of a contracting iteration. 1e-10 leaves room for that and still catches
    /// any formula slip (a misplaced ε or a missing bias correction moves the trajectory by 1e-4 or more).
    /// </summary>
    internal static readonly Tolerance Trajectory = new("OptimTrajectoryVsTorch64", 1e-12, 1e-10);

    public static TheoryData<string> Cases() => [.. OptimFixtures.CaseNames("optimizers")];

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesTorchTrajectory(string name)
    {
        var c = OptimFixtures.Case("optimizers", name);
        var problem = new OptimFixtures.Problem<double>();
        var opt = OptimizerFactory.Create(c, problem.Parameters);
        AssertTrajectory(c, problem, opt, 0, c.GetProperty("steps").GetInt32());
    }

    internal static void AssertTrajectory(JsonElement c, OptimFixtures.Problem<double> problem, Optimizer<double> opt, int from, int to)
    {
        var losses = OptimFixtures.Doubles(c.GetProperty("loss"));
        var ws = c.GetProperty("W");
        var bs = c.GetProperty("b");
        for (int step = from; step < to; step++)
        {
            double loss;
            if (opt is Lbfgs<double> lbfgs) loss = lbfgs.Step(() => problem.Closure(opt)).ToScalar();
            else
            {
                loss = problem.Closure(opt).ToScalar();
                opt.Step();
            }
            Assert.True(Trajectory.IsClose(loss, losses[step]), $"step {step}: loss {loss} vs torch {losses[step]}");
            TensorAssert.Close(Tensor.FromArray(OptimFixtures.Doubles(ws[step]), 3, 2), problem.W.Value, Trajectory);
            TensorAssert.Close(Tensor.FromArray(OptimFixtures.Doubles(bs[step]), 2), problem.B.Value, Trajectory);
        }
    }
}
