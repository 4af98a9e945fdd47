using Scratch.ML.NN;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Optim;

/// <summary>
/// The single-precision path (hyperparameters rounded to float like PyTorch's scalar arguments, the vectorised fused
/// Adam loop) against torch 1.13 run in float32 on the same problem (fixture optimizers_f32.json).
/// </summary>
public class Float32TrajectoryTests
{
    /// <summary>
    /// <see cref="Tolerance.Float32VsTorch"/> (abs 1e-5, rel 1e-4): float32 rounding differs per op between the two
    /// implementations (ATen's vectorised sums and fused multiply-adds), ~1e-7 per step, and 20 steps of a
    /// contracting iteration keep it well under 1e-5; a formula slip shows at 1e-3 or more.
    /// </summary>
    public static TheoryData<string> Cases() => [.. OptimFixtures.CaseNames("optimizers_f32")];

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesTorchFloat32Trajectory(string name)
    {
        var c = OptimFixtures.Case("optimizers_f32", name);
        var problem = new OptimFixtures.Problem<float>();
        var opt = OptimizerFactory.Create(c, problem.Parameters);
        var ws = c.GetProperty("W");
        var bs = c.GetProperty("b");
        for (int step = 0; step < c.GetProperty("steps").GetInt32(); step++)
        {
            problem.Closure(opt);
            opt.Step();
            TensorAssert.Close(Tensor.FromArray(OptimFixtures.Problem<float>.Cast(ws[step]), 3, 2), problem.W.Value, Tolerance.Float32VsTorch);
            TensorAssert.Close(Tensor.FromArray(OptimFixtures.Problem<float>.Cast(bs[step]), 2), problem.B.Value, Tolerance.Float32VsTorch);
        }
    }
}
