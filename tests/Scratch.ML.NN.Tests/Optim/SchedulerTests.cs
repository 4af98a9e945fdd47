using System.Text.Json;
using Scratch.ML.NN;
using Xunit;

namespace Scratch.ML.Tests.NN.Optim;

/// <summary>
/// Every scheduler reproduces PyTorch 1.13's learning-rate (and momentum) sequence (fixtures from
/// tests/reference/torch_optim.py: an SGD with momentum 0.9, or an Adam for OneCycle's beta1 cycling).
/// </summary>
public class SchedulerTests
{
    /// <summary>
    /// Relative 1e-13: the schedules are scalar double arithmetic in the same order as PyTorch's Python code; only
    /// libm's cos/pow may differ by an ulp, and the recursive forms compound that over ≤ 40 steps.
    /// </summary>
    private static readonly Testing.Tolerance Lr = new("LrVsTorch", 1e-15, 1e-13);

    public static TheoryData<string> Cases() => [.. OptimFixtures.CaseNames("schedulers")];

    private static Optimizer<double> MakeOptimizer(JsonElement c)
    {
        var lrs = OptimFixtures.Doubles(c.GetProperty("lrs"));
        var groups = lrs.Select(lr => new ParamGroup<double>([new Parameter<double>(Tensor.Zeros<double>(1))], new Dictionary<string, double> { ["lr"] = lr })).ToList();
        return c.GetProperty("optimizer").GetString() == "adam"
            ? new Adam<double>(groups, lr: lrs[0])
            : new Sgd<double>(groups, lr: lrs[0], momentum: 0.9);
    }

    /// <summary>The library scheduler for each fixture case (same arguments as the Python script).</summary>
    private static Action Build(string name, Optimizer<double> o, double[]? metrics, Func<int, int> stepIndex)
    {
        switch (name)
        {
            case "step": return new StepLR<double>(o, 3, 0.5).Step;
            case "multistep": return new MultiStepLR<double>(o, [2, 5, 5, 9], 0.3).Step;
            case "exponential": return new ExponentialLR<double>(o, 0.9).Step;
            case "cosine": return new CosineAnnealingLR<double>(o, 10, 0.001).Step;
            case "warm_restarts_mult2": return new CosineAnnealingWarmRestarts<double>(o, 5, 2, 0.001).Step;
            case "warm_restarts_mult1": return new CosineAnnealingWarmRestarts<double>(o, 4).Step;
            case "linear": return new LinearLR<double>(o, 0.25, 1.0, 6).Step;
            case "linear_decay": return new LinearLR<double>(o, 1.0, 0.1, 8).Step;
            case "onecycle_cos": return new OneCycleLR<double>(o, 1.0, 30).Step;
            case "onecycle_linear": return new OneCycleLR<double>(o, 1.0, 30, pctStart: 0.25, annealStrategy: AnnealStrategy.Linear).Step;
            case "onecycle_three_phase": return new OneCycleLR<double>(o, 0.5, 30, threePhase: true, divFactor: 10.0, finalDivFactor: 100.0).Step;
            case "onecycle_adam": return new OneCycleLR<double>(o, 0.01, 20, baseMomentum: 0.8, maxMomentum: 0.9).Step;
            case "polynomial": return new PolynomialLR<double>(o, 8, 2.0).Step;
            case "lambda_pow": return new LambdaLR<double>(o, e => Math.Pow(0.95, e)).Step;
            case "sequential":
                return new SequentialLR<double>(o, [new LinearLR<double>(o, 0.1, totalIters: 4), new ExponentialLR<double>(o, 0.9)], [4]).Step;
            case "sequential_cosine":
                return new SequentialLR<double>(o, [new LinearLR<double>(o, 0.5, totalIters: 3), new CosineAnnealingLR<double>(o, 8)], [5]).Step;
            case "chained":
                return new ChainedScheduler<double>([new LinearLR<double>(o, 0.5, totalIters: 4), new ExponentialLR<double>(o, 0.9)]).Step;
            case "plateau_min_rel":
            {
                var s = new ReduceLROnPlateau<double>(o, PlateauMode.Min, 0.5, patience: 2, threshold: 0.1, cooldown: 1, minLr: 0.01);
                return () => s.Step(metrics![stepIndex(0)]);
            }
            case "plateau_max_abs":
            {
                var s = new ReduceLROnPlateau<double>(o, PlateauMode.Max, 0.3, patience: 1, threshold: 0.05, thresholdMode: ThresholdMode.Abs);
                return () => s.Step(metrics![stepIndex(0)]);
            }
            default: throw new ArgumentException($"No library scheduler for fixture case {name}.");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesTorchSequence(string name)
    {
        var c = OptimFixtures.Case("schedulers", name);
        var o = MakeOptimizer(c);
        double[]? metrics = c.GetProperty("metrics").ValueKind == JsonValueKind.Array ? OptimFixtures.Doubles(c.GetProperty("metrics")) : null;
        int current = 0;
        var step = Build(name, o, metrics, _ => current);
        string momentumKey = c.GetProperty("optimizer").GetString() == "adam" ? "beta1" : "momentum";
        var lrSeq = c.GetProperty("lr");
        var momSeq = c.GetProperty("momentum");
        int steps = c.GetProperty("steps").GetInt32();
        for (int t = 0; t <= steps; t++)
        {
            if (t > 0)
            {
                current = t - 1;
                o.Step(); // no gradients: skips every parameter, as in the Python script
                step();
            }
            var expected = OptimFixtures.Doubles(lrSeq[t]);
            var expectedMom = OptimFixtures.Doubles(momSeq[t]);
            for (int g = 0; g < expected.Length; g++)
            {
                Assert.True(Lr.IsClose(o.ParamGroups[g].Lr, expected[g]), $"{name} step {t} group {g}: lr {o.ParamGroups[g].Lr} vs torch {expected[g]}");
                Assert.True(Lr.IsClose(o.ParamGroups[g][momentumKey], expectedMom[g]), $"{name} step {t} group {g}: {momentumKey} {o.ParamGroups[g][momentumKey]} vs torch {expectedMom[g]}");
            }
        }
    }

    [Fact]
    public void LastLrAndStateDictRoundTrip()
    {
        var o = new Sgd<double>([new Parameter<double>(Tensor.Zeros<double>(1))], 0.1);
        var s = new CosineAnnealingWarmRestarts<double>(o, 3, 2);
        for (int i = 0; i < 5; i++) s.Step();
        Assert.Equal(o.ParamGroups[0].Lr, s.LastLR[0]);
        var saved = s.StateDict();
        var o2 = new Sgd<double>([new Parameter<double>(Tensor.Zeros<double>(1))], 0.1);
        var s2 = new CosineAnnealingWarmRestarts<double>(o2, 3, 2);
        s2.LoadStateDict(saved);
        for (int i = 0; i < 6; i++)
        {
            s.Step();
            s2.Step();
            Assert.Equal(s.LastLR[0], s2.LastLR[0]);
        }
        Assert.Equal(s.TI, s2.TI);
    }

    /// <summary>Save a SequentialLR mid-way, restore it (and the optimiser's rate) elsewhere: the rest of the sequence is identical.</summary>
    [Fact]
    public void SequentialStateDictRoundTrip()
    {
        static (Sgd<double>, SequentialLR<double>) Make()
        {
            var o = new Sgd<double>([new Parameter<double>(Tensor.Zeros<double>(1))], 0.1);
            return (o, new SequentialLR<double>(o, [new LinearLR<double>(o, 0.5, totalIters: 3), new CosineAnnealingLR<double>(o, 8)], [5]));
        }
        var (o1, s1) = Make();
        for (int i = 0; i < 7; i++) s1.Step();
        var saved = s1.StateDict();
        var (o2, s2) = Make();
        s2.LoadStateDict(saved);
        o2.ParamGroups[0].Lr = o1.ParamGroups[0].Lr;
        for (int i = 0; i < 10; i++)
        {
            s1.Step();
            s2.Step();
            Assert.Equal(o1.ParamGroups[0].Lr, o2.ParamGroups[0].Lr);
        }
    }

    [Fact]
    public void BadArgumentsThrow()
    {
        var o = new Sgd<double>([new Parameter<double>(Tensor.Zeros<double>(1))], 0.1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR<double>(o, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingWarmRestarts<double>(o, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearLR<double>(o, startFactor: 1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneCycleLR<double>(o, 1.0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceLROnPlateau<double>(o, factor: 1.0));
        Assert.Throws<ArgumentException>(() => new OneCycleLR<double>(new Adagrad<double>([new Parameter<double>(Tensor.Zeros<double>(1))]), 1.0, 10));
        var other = new Sgd<double>([new Parameter<double>(Tensor.Zeros<double>(1))], 0.1);
        Assert.Throws<ArgumentException>(() => new SequentialLR<double>(o, [new StepLR<double>(o, 2), new StepLR<double>(other, 2)], [3]));
        Assert.Throws<ArgumentException>(() => new SequentialLR<double>(o, [new StepLR<double>(o, 2)], [3]));
        var one = new OneCycleLR<double>(o, 1.0, 3);
        for (int i = 0; i < 3; i++) one.Step();
        Assert.Throws<InvalidOperationException>(one.Step);
    }
}
