using Scratch.ML.NN;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Optim;

/// <summary>Parameter groups, state dicts, gradient zeroing, skipping, validation, and the fused Adam kernel vs its twin.</summary>
public class OptimizerBehaviourTests
{
    public static TheoryData<string> Cases() => [.. OptimFixtures.CaseNames("optimizers")];

    /// <summary>
    /// Save mid-training, load into a fresh optimiser over fresh parameters holding the same values, continue: the
    /// rest of PyTorch's trajectory is reproduced (so every piece of state — moments, step counts, NAdam's
    /// mu_product, L-BFGS's history — survives the round trip).
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void StateDictRoundTripContinuesTheTrajectory(string name)
    {
        var c = OptimFixtures.Case("optimizers", name);
        int steps = c.GetProperty("steps").GetInt32(), half = steps / 2;
        var first = new OptimFixtures.Problem<double>();
        var opt = OptimizerFactory.Create(c, first.Parameters);
        OptimizerTrajectoryTests.AssertTrajectory(c, first, opt, 0, half);
        var saved = opt.StateDict();

        var second = new OptimFixtures.Problem<double>();
        using (Autograd.NoGrad())
        {
            second.W.Value.CopyFrom(first.W.Value);
            second.B.Value.CopyFrom(first.B.Value);
        }
        var fresh = OptimizerFactory.Create(c, second.Parameters);
        foreach (var g in fresh.ParamGroups) g.Lr = 123.0; // overwritten by the load
        fresh.LoadStateDict(saved);
        // Training the first optimiser further must not change what was saved.
        OptimizerTrajectoryTests.AssertTrajectory(c, first, opt, half, half + 1);
        OptimizerTrajectoryTests.AssertTrajectory(c, second, fresh, half, steps);
    }

    [Fact]
    public void StateDictIsKeyedByParameterIndexWithGroupOptions()
    {
        var p = new OptimFixtures.Problem<double>();
        var opt = new Adam<double>([new ParamGroup<double>([p.W]), new ParamGroup<double>([p.B], new Dictionary<string, double> { ["lr"] = 0.01 })], lr: 0.05, amsgrad: true);
        p.Closure(opt);
        opt.Step();
        var sd = opt.StateDict();
        Assert.Equal([0, 1], sd.State.Keys.Order());
        Assert.Equal(["exp_avg", "exp_avg_sq", "max_exp_avg_sq"], sd.State[0].Tensors.Keys.Order());
        Assert.Equal(1.0, sd.State[1].Scalars["step"]);
        Assert.Equal([3, 2], sd.State[0].Tensors["exp_avg"].ShapeArray());
        Assert.Equal([1], sd.ParamGroups[1].Params);
        Assert.Equal(0.01, sd.ParamGroups[1].Options["lr"]);
        Assert.Equal(0.05, sd.ParamGroups[0].Options["lr"]);
        Assert.Equal(0.9, sd.ParamGroups[1].Options["beta1"]);
    }

    [Fact]
    public void LoadStateDictRejectsAnotherLayout()
    {
        var p = new OptimFixtures.Problem<double>();
        var two = new Sgd<double>([new ParamGroup<double>([p.W]), new ParamGroup<double>([p.B])], 0.1, momentum: 0.9);
        p.Closure(two);
        two.Step();
        var one = new Sgd<double>(new OptimFixtures.Problem<double>().Parameters, 0.1, momentum: 0.9);
        var ex = Assert.Throws<ArgumentException>(() => one.LoadStateDict(two.StateDict()));
        Assert.Contains("2 parameter groups", ex.Message);
        var swapped = new Sgd<double>([new ParamGroup<double>([p.B]), new ParamGroup<double>([p.W])], 0.1, momentum: 0.9);
        ex = Assert.Throws<ArgumentException>(() => swapped.LoadStateDict(two.StateDict()));
        Assert.Contains("shape", ex.Message);
    }

    [Fact]
    public void GroupsTakeMissingOptionsFromDefaults()
    {
        var p = new OptimFixtures.Problem<double>();
        var opt = new Sgd<double>([new ParamGroup<double>([p.W], new Dictionary<string, double> { ["lr"] = 0.1 }), new ParamGroup<double>([p.B])], 0.01, momentum: 0.9);
        Assert.Equal(0.1, opt.ParamGroups[0].Lr);
        Assert.Equal(0.01, opt.ParamGroups[1].Lr);
        Assert.Equal(0.9, opt.ParamGroups[0]["momentum"]);
        Assert.Throws<KeyNotFoundException>(() => opt.ParamGroups[0]["beta1"]);
        Assert.Throws<ArgumentException>(() => opt.AddParamGroup(new ParamGroup<double>([p.W])));
        Assert.Throws<ArgumentException>(() => opt.AddParamGroup(new ParamGroup<double>([new Parameter<double>(Tensor.Zeros<double>(1))], new Dictionary<string, double> { ["betas"] = 0.9 })));
        opt.AddParamGroup(new ParamGroup<double>([new Parameter<double>(Tensor.Zeros<double>(1))], new Dictionary<string, double> { ["lr"] = 0.5 }));
        Assert.Equal(3, opt.ParamGroups.Count);
        Assert.Equal(0.9, opt.ParamGroups[2]["momentum"]);
    }

    [Fact]
    public void StepSkipsParametersWithoutGradientAndZeroGradClears()
    {
        var p = new OptimFixtures.Problem<double>();
        var frozen = new Parameter<double>(Tensor.FromArray([1.0, 2.0], 2));
        var opt = new Adam<double>([p.W, p.B, frozen], lr: 0.1);
        p.Closure(opt);
        opt.Step();
        Assert.Equal([1.0, 2.0], frozen.Value.ToArray());
        Assert.True(opt.StateOf(frozen).IsEmpty);
        Assert.False(opt.StateOf(p.W).IsEmpty);
        Assert.NotNull(p.W.Grad);
        opt.ZeroGrad(setToNone: false);
        Assert.All(p.W.Grad!.ToArray(), v => Assert.Equal(0.0, v));
        opt.ZeroGrad();
        Assert.Null(p.W.Grad);
    }

    [Fact]
    public void BadHyperparametersThrowNamingTheOption()
    {
        Parameter<double>[] ps = [new Parameter<double>(Tensor.Zeros<double>(2))];
        void Bad<TEx>(string expected, Func<object> make) where TEx : Exception
        {
            var ex = Assert.Throws<TEx>(make);
            Assert.Contains(expected, ex.Message);
        }
        Bad<ArgumentOutOfRangeException>("lr", () => new Sgd<double>(ps, -0.1));
        Bad<ArgumentOutOfRangeException>("momentum", () => new Sgd<double>(ps, 0.1, momentum: -1));
        Bad<ArgumentException>("Nesterov", () => new Sgd<double>(ps, 0.1, nesterov: true));
        Bad<ArgumentException>("Nesterov", () => new Sgd<double>(ps, 0.1, momentum: 0.9, dampening: 0.1, nesterov: true));
        Bad<ArgumentOutOfRangeException>("beta1", () => new Adam<double>(ps, beta1: 1.0));
        Bad<ArgumentOutOfRangeException>("beta2", () => new AdamW<double>(ps, beta2: -0.1));
        Bad<ArgumentOutOfRangeException>("eps", () => new Adam<double>(ps, eps: -1));
        Bad<ArgumentOutOfRangeException>("weight_decay", () => new AdamW<double>(ps, weightDecay: -1));
        Bad<ArgumentOutOfRangeException>("beta1", () => new Adamax<double>(ps, beta1: 1.5));
        Bad<ArgumentOutOfRangeException>("momentum_decay", () => new NAdam<double>(ps, momentumDecay: -1));
        Bad<ArgumentOutOfRangeException>("beta2", () => new RAdam<double>(ps, beta2: 1.0));
        Bad<ArgumentOutOfRangeException>("alpha", () => new RmsProp<double>(ps, alpha: -0.5));
        Bad<ArgumentOutOfRangeException>("lr_decay", () => new Adagrad<double>(ps, lrDecay: -1));
        Bad<ArgumentOutOfRangeException>("initial_accumulator_value", () => new Adagrad<double>(ps, initialAccumulatorValue: -1));
        Bad<ArgumentOutOfRangeException>("rho", () => new Adadelta<double>(ps, rho: 1.1));
        Bad<ArgumentOutOfRangeException>("history_size", () => new Lbfgs<double>(ps, historySize: 0));
        Bad<ArgumentException>("strong_wolfe", () => new Lbfgs<double>(ps, lineSearchFn: "backtracking"));
        Bad<ArgumentOutOfRangeException>("lr", () => new Adam<double>([new ParamGroup<double>(ps, new Dictionary<string, double> { ["lr"] = -1 })]));
        Bad<ArgumentException>("empty", () => new ParamGroup<double>([]));
        Bad<InvalidOperationException>("closure", () => { new Lbfgs<double>(ps).Step(); return 0; });
    }

    /// <summary>The fused Adam/AdamW loop (vector lanes and scalar tail) and its tensor-op twin agree bitwise in float32 and float64: same operations in the same order, no FMA contraction.</summary>
    [Theory]
    [InlineData(false, false, 0.0)]
    [InlineData(false, true, 0.1)]
    [InlineData(true, false, 0.1)]
    [InlineData(true, true, 0.05)]
    public void FusedAdamMatchesReferenceTwin(bool decoupled, bool amsgrad, double weightDecay)
    {
        RunFusedVsReference<double>(decoupled, amsgrad, weightDecay, Tolerance.Exact);
        RunFusedVsReference<float>(decoupled, amsgrad, weightDecay, Tolerance.Exact);
    }

    private static void RunFusedVsReference<T>(bool decoupled, bool amsgrad, double weightDecay, Tolerance tol) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        const int n = 257; // not a multiple of any vector width
        T[] Values(int seed, double scale) => [.. Enumerable.Range(0, n).Select(i => T.CreateTruncating(scale * Math.Sin(0.37 * i + seed)))];
        var fast = new Parameter<T>(Tensor.FromArray(Values(1, 1.0), n));
        var slow = new Parameter<T>(Tensor.FromArray(Values(1, 1.0), n));
        Optimizer<T> Make(Parameter<T> p, bool reference)
        {
            if (decoupled) return new AdamW<T>([p], lr: 0.01, weightDecay: weightDecay, amsgrad: amsgrad) { UseReferenceKernel = reference };
            return new Adam<T>([p], lr: 0.01, weightDecay: weightDecay, amsgrad: amsgrad) { UseReferenceKernel = reference };
        }
        var fo = Make(fast, false);
        var so = Make(slow, true);
        for (int step = 0; step < 10; step++)
        {
            // Gradients that shrink so that amsgrad's running maximum matters.
            var g = Values(step + 7, 1.0 / (1 + step));
            fast.Grad = Tensor.FromArray((T[])g.Clone(), n);
            slow.Grad = Tensor.FromArray((T[])g.Clone(), n);
            fo.Step();
            so.Step();
            TensorAssert.Close(slow.Value, fast.Value, tol);
        }
        foreach (var key in fo.StateOf(fast).Tensors.Keys)
            TensorAssert.Close(so.StateOf(slow).Tensor(key), fo.StateOf(fast).Tensor(key), tol);
    }

    /// <summary>The fused SGD loop and its tensor-op twin agree bitwise (same operations, same order).</summary>
    [Theory]
    [InlineData(0.0, 0.0, 0.0, false)]
    [InlineData(0.9, 0.0, 0.0, false)]
    [InlineData(0.9, 0.1, 0.01, false)]
    [InlineData(0.9, 0.0, 0.01, true)]
    public void FusedSgdMatchesReferenceTwin(double momentum, double dampening, double weightDecay, bool nesterov)
    {
        const int n = 131;
        double[] Values(int seed, double scale) => [.. Enumerable.Range(0, n).Select(i => scale * Math.Sin(0.37 * i + seed))];
        var fast = new Parameter<double>(Tensor.FromArray(Values(1, 1.0), n));
        var slow = new Parameter<double>(Tensor.FromArray(Values(1, 1.0), n));
        var fo = new Sgd<double>([fast], 0.05, momentum, dampening, weightDecay, nesterov);
        var so = new Sgd<double>([slow], 0.05, momentum, dampening, weightDecay, nesterov) { UseReferenceKernel = true };
        for (int step = 0; step < 8; step++)
        {
            fast.Grad = Tensor.FromArray(Values(step + 3, 1.0), n);
            slow.Grad = Tensor.FromArray(Values(step + 3, 1.0), n);
            fo.Step();
            so.Step();
            TensorAssert.Close(slow.Value, fast.Value, Tolerance.Exact);
        }
    }

    [Fact]
    public void NonContiguousParameterTakesTheReferencePathWithTheSameResult()
    {
        var baseT = Tensor.FromArray(Enumerable.Range(0, 12).Select(i => 0.1 * i).ToArray(), 3, 4);
        var transposed = new Parameter<double>(baseT.Clone().Transpose(0, 1)); // (4, 3), non-contiguous view
        var plain = new Parameter<double>(baseT.Clone().Transpose(0, 1).Contiguous());
        Assert.False(transposed.Value.IsContiguous);
        var a = new Adam<double>([transposed], lr: 0.1);
        var b = new Adam<double>([plain], lr: 0.1);
        var grad = Tensor.FromArray(Enumerable.Range(0, 12).Select(i => Math.Cos(i)).ToArray(), 4, 3);
        for (int i = 0; i < 3; i++)
        {
            transposed.Grad = grad;
            plain.Grad = grad;
            a.Step();
            b.Step();
        }
        TensorAssert.Close(plain.Value, transposed.Value, new Tolerance("SameMath", 1e-15, 1e-14));
    }
}
