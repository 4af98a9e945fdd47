using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Losses;

/// <summary>
/// Every loss, reduction and main option combination against PyTorch 1.13 (fixtures written by
/// tests/reference/torch_losses.py): the float32 loss and the gradients of Σ loss·grad_output with respect to every
/// input PyTorch differentiates, within <see cref="Tolerance.Float32VsTorch"/>; then the same cases in float64
/// through <see cref="GradCheck.Check"/> (analytic VJPs vs. central differences).
/// </summary>
public class TorchFixtureTests
{
    public static TheoryData<string> Files() =>
    [
        "mse", "l1", "smooth_l1", "huber", "bce", "bce_with_logits", "sigmoid_focal", "cross_entropy", "nll", "kl_div",
        "hinge_embedding", "multi_margin", "cosine_embedding", "triplet_margin", "poisson_nll", "gaussian_nll",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public void MatchesPyTorchFloat32(string file)
    {
        var cases = LossFixtures.Load(file);
        Assert.NotEmpty(cases);
        foreach (var c in cases)
        {
            var f = LossFactory.Build<float>(c);
            var inputs = c.Tensors.Where(kv => !kv.Value.IsIndex).ToDictionary(kv => kv.Key, kv => kv.Value.As<float>());
            foreach (var name in c.Grads.Keys) inputs[name].RequiresGrad = true;
            var loss = f(inputs);
            Check(c, "loss", c.Loss, loss);
            if (c.Grads.Count == 0) continue;
            loss.Backward(c.Loss.Shape.Length == 0 ? null : c.GradOutput.As<float>());
            foreach (var (name, expected) in c.Grads)
            {
                var g = inputs[name].Grad;
                Assert.True(g is not null, $"{c}: no gradient for {name}");
                Check(c, $"grad {name}", expected, g);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void GradCheckFloat64(string file)
    {
        foreach (var c in LossFixtures.Load(file))
        {
            if (c.Grads.Count == 0) continue;
            var f = LossFactory.Build<double>(c);
            var names = c.Grads.Keys.ToArray();
            var fixedInputs = c.Tensors.Where(kv => !kv.Value.IsIndex && !c.Grads.ContainsKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value.As<double>());
            var points = names.Select(n => AwayFromKinks(c, n, c.Tensors[n].As<double>())).ToArray();
            try
            {
                GradCheck.Check(xs =>
                {
                    var all = new Dictionary<string, Tensor<double>>(fixedInputs);
                    for (int i = 0; i < names.Length; i++) all[names[i]] = xs[i];
                    return f(all);
                }, points);
            }
            catch (GradCheckException e)
            {
                throw new GradCheckException($"{c}: {e.Message}");
            }
        }
    }

    /// <summary>
    /// Points where finite differences are meaningless are moved: BCE inputs at exactly 0 or 1 (the log clamp) and
    /// GaussianNLL variances below eps (the clamp passes the gradient straight through, as PyTorch).
    /// </summary>
    private static Tensor<double> AwayFromKinks(LossCase c, string name, Tensor<double> x)
    {
        var a = x.ToArray();
        for (int i = 0; i < a.Length; i++)
        {
            if (c.Name == "bce" && name == "input") a[i] = Math.Clamp(a[i], 0.05, 0.95);
            if (c.Name == "gaussian_nll" && name == "var") a[i] = Math.Max(a[i], 0.1);
        }
        return Tensor.FromArray(a, x.ShapeArray());
    }

    private static void Check(LossCase c, string what, FixtureTensor expected, Tensor<float> actual)
    {
        Assert.Equal(expected.Shape, actual.ShapeArray());
        try
        {
            TensorAssert.Close(expected.As<float>(), actual, Tolerance.Float32VsTorch);
        }
        catch (TensorAssertException e)
        {
            throw new TensorAssertException($"{c} {what}: {e.Message}");
        }
    }
}
