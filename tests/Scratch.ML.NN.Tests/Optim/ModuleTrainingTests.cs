using Scratch.ML.NN;
using Scratch.ML.Rng;
using Xunit;

namespace Scratch.ML.Tests.NN.Optim;

/// <summary>Optimisers driving real modules: loss goes down, module state-dict loads keep the optimiser working.</summary>
public class ModuleTrainingTests
{
    private static (Tensor<double> X, Tensor<double> Y) Data()
    {
        // y = x·[1, −2, 0.5]ᵀ + 0.3: a linear target a Linear(3, 1) can fit exactly.
        var x = new double[32 * 3];
        var y = new double[32];
        for (int i = 0; i < 32; i++)
        {
            for (int j = 0; j < 3; j++) x[i * 3 + j] = Math.Sin(1.7 * i + 0.9 * j);
            y[i] = x[i * 3] - 2 * x[i * 3 + 1] + 0.5 * x[i * 3 + 2] + 0.3;
        }
        return (Tensor.FromArray(x, 32, 3), Tensor.FromArray(y, 32, 1));
    }

    private static double Mse(Linear<double> m, Tensor<double> x, Tensor<double> y) => (m.Call(x) - y).Square().Mean().ToScalar();

    public static TheoryData<string> Optimizers() => ["sgd", "adam", "adamw", "rmsprop", "lbfgs"];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void FitsALinearModel(string which)
    {
        var (x, y) = Data();
        var model = new Linear<double>(3, 1, generator: new Generator(7));
        Optimizer<double> opt = which switch
        {
            "sgd" => new Sgd<double>(model.Parameters(), 0.1, momentum: 0.9),
            "adam" => new Adam<double>(model.Parameters(), 0.05),
            "adamw" => new AdamW<double>(model.Parameters(), 0.05, weightDecay: 0),
            "rmsprop" => new RmsProp<double>(model.Parameters(), 0.01),
            _ => new Lbfgs<double>(model.Parameters(), lineSearchFn: "strong_wolfe"),
        };
        double before = Mse(model, x, y);
        Tensor<double> Closure()
        {
            opt.ZeroGrad();
            var l = (model.Call(x) - y).Square().Mean();
            l.Backward();
            return l;
        }
        for (int i = 0; i < (which == "lbfgs" ? 5 : 300); i++)
        {
            if (opt is Lbfgs<double> lb) lb.Step(Closure);
            else
            {
                Closure();
                opt.Step();
            }
        }
        double after = Mse(model, x, y);
        Assert.True(after < 1e-3 * before, $"{which}: MSE {before} → {after}");
    }

    [Fact]
    public void ModuleLoadStateDictKeepsTheOptimiserBound()
    {
        var (x, y) = Data();
        var model = new Linear<double>(3, 1, generator: new Generator(1));
        var opt = new Sgd<double>(model.Parameters(), 0.1);
        var other = new Linear<double>(3, 1, generator: new Generator(2));
        model.LoadStateDict(other.StateDict()); // copies in place: the optimiser's slots still hold the live tensors
        double before = Mse(model, x, y);
        for (int i = 0; i < 50; i++)
        {
            opt.ZeroGrad();
            (model.Call(x) - y).Square().Mean().Backward();
            opt.Step();
        }
        Assert.True(Mse(model, x, y) < 0.1 * before);
    }

    [Fact]
    public void FrozenParametersAreNotUpdated()
    {
        var (x, y) = Data();
        var model = new Linear<double>(3, 1, generator: new Generator(3));
        var opt = new Adam<double>(model.Parameters(), 0.1);
        var bias = model.NamedParameters().Single(p => p.Name == "bias").Parameter;
        bias.RequiresGrad = false;
        var b0 = bias.Value.ToArray();
        for (int i = 0; i < 5; i++)
        {
            opt.ZeroGrad();
            (model.Call(x) - y).Square().Mean().Backward();
            opt.Step();
        }
        Assert.Equal(b0, bias.Value.ToArray());
        Assert.True(opt.StateOf(bias).IsEmpty);
    }
}
