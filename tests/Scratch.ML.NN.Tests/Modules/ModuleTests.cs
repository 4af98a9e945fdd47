using Scratch.ML.NN;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Modules;

public class ModuleTests
{
    private static Sequential<double> Mlp(ulong seed)
    {
        var g = new Generator(seed);
        return new Sequential<double>(new Linear<double>(3, 32, generator: g), new ReluLayer(), new Linear<double>(32, 2, generator: g));
    }

    private sealed class ReluLayer : Layer<double>
    {
        public override Tensor<double> Forward(Tensor<double> input) => input.Relu();
    }

    [Fact]
    public void StateDictKeysFollowPyTorchNaming()
    {
        var net = Mlp(1);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias"], net.StateDict().Keys);
        Assert.Equal([32, 3], net.StateDict()["0.weight"].ShapeArray());
        Assert.Equal(3 * 32 + 32 + 32 * 2 + 2, net.ParameterCount());
    }

    [Fact]
    public void LoadStateDictCopiesInPlaceAndReportsProblems()
    {
        var a = Mlp(1);
        var b = Mlp(2);
        var slot = b.Parameters().First();
        b.LoadStateDict(a.StateDict());
        TensorAssert.Close(a.StateDict()["0.weight"], slot.Value, Tolerance.Exact);
        var partial = a.StateDict().Where(kv => kv.Key != "2.bias").ToDictionary();
        partial["extra"] = Tensor.Zeros<double>(1);
        var ex = Assert.Throws<ArgumentException>(() => b.LoadStateDict(partial));
        Assert.Contains("missing keys: 2.bias", ex.Message);
        Assert.Contains("unexpected keys: extra", ex.Message);
        var result = b.LoadStateDict(partial, strict: false);
        Assert.Equal(["2.bias"], result.MissingKeys);
        var wrong = a.StateDict().ToDictionary();
        wrong["0.bias"] = Tensor.Zeros<double>(7);
        Assert.Contains("size mismatch for 0.bias: expected (32,), got (7,)", Assert.Throws<ArgumentException>(() => b.LoadStateDict(wrong, strict: false)).Message);
    }

    [Fact]
    public void LinearGradientsMatchFiniteDifferences()
    {
        var lin = new Linear<double>(4, 3, generator: new Generator(3));
        var x = Tensor.Uniform<double>(-1, 1, new Generator(4), 2, 5, 4);
        GradCheck.Check(v =>
        {
            using (Autograd.NoGrad()) { lin.Weight.Value.CopyFrom(v[1]); lin.Bias!.Value.CopyFrom(v[2]); }
            return v[0].MatMul(v[1].MT) + v[2];
        }, [x, lin.Weight.Value.Clone(), lin.Bias!.Value.Clone()]);
        var y = lin.Call(x).Sum();
        y.Backward();
        Assert.Equal([3, 4], lin.Weight.Grad!.ShapeArray());
        Assert.Equal([3], lin.Bias.Grad!.ShapeArray());
    }

    [Fact]
    public void TinyMlpOverfitsWithPlainGradientDescent()
    {
        var net = Mlp(5);
        var x = Tensor.Uniform<double>(-1, 1, new Generator(6), 16, 3);
        var target = Tensor.Uniform<double>(-1, 1, new Generator(7), 16, 2);
        double first = 0, last = 0;
        for (int step = 0; step < 1000; step++)
        {
            net.ZeroGrad();
            var loss = (net.Call(x) - target).Square().Mean();
            loss.Backward();
            if (step == 0) first = loss.ToScalar();
            last = loss.ToScalar();
            using (Autograd.NoGrad())
                foreach (var p in net.Parameters()) p.Value.SubInPlace(p.Grad! * 0.2);
        }
        Assert.True(last < first * 0.2, $"loss {first} → {last}");
    }

    [Fact]
    public void FreezeTrainEvalAndHooks()
    {
        var net = Mlp(1);
        net.Freeze();
        Assert.Equal(0, net.ParameterCount(trainableOnly: true));
        net.Unfreeze();
        net.Eval();
        Assert.All(net.NamedModules(), m => Assert.False(m.Module.Training));
        int calls = 0;
        using (net[0].RegisterForwardHook((_, _, y) => { calls++; return y * 0.0; }))
        {
            var y = net.Call(Tensor.Ones<double>(1, 3));
            Assert.Equal(1, calls);
        }
        net.Call(Tensor.Ones<double>(1, 3));
        Assert.Equal(1, calls);
        Assert.Contains("Linear(in_features=3, out_features=32, bias=True)", net.ToString());
    }
}
