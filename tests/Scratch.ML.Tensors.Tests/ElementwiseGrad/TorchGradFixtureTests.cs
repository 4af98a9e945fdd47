using System.Text.Json;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.ElementwiseGrad;

/// <summary>
/// First and second derivatives of the elementwise ops against PyTorch 1.13 in float64
/// (<c>tests/reference/torch_grad_elementwise.py</c> → <c>fixtures/nn/grad-elementwise/grads.json</c>), including the
/// conventions at kinks, ties, clamp bounds and zeros of pow, and broadcasting (a (3, 1) against b (4,)).
/// </summary>
public class TorchGradFixtureTests
{
    // float64 against float64: every value, gradient and second derivative in the fixture agrees with PyTorch to
    // 1e-14 (absolute + relative), the kernel tolerance.
    private static readonly Tolerance Tol = Tolerance.Float64Kernel;

    private static readonly Dictionary<string, Func<Tensor<double>[], Tensor<double>>> Ops = new()
    {
        ["abs"] = x => x[0].Abs(),
        ["acos"] = x => x[0].Acos(),
        ["acosh"] = x => x[0].Acosh(),
        ["asin"] = x => x[0].Asin(),
        ["asinh"] = x => x[0].Asinh(),
        ["atan"] = x => x[0].Atan(),
        ["atanh"] = x => x[0].Atanh(),
        ["cos"] = x => x[0].Cos(),
        ["cosh"] = x => x[0].Cosh(),
        ["sin"] = x => x[0].Sin(),
        ["sinh"] = x => x[0].Sinh(),
        ["tan"] = x => x[0].Tan(),
        ["erf"] = x => x[0].Erf(),
        ["erfc"] = x => x[0].Erfc(),
        ["exp2"] = x => x[0].Exp2(),
        ["expm1"] = x => x[0].Expm1(),
        ["log10"] = x => x[0].Log10(),
        ["log1p"] = x => x[0].Log1p(),
        ["log2"] = x => x[0].Log2(),
        ["reciprocal"] = x => x[0].Reciprocal(),
        ["rsqrt"] = x => x[0].Rsqrt(),
        ["sqrt"] = x => x[0].Sqrt(),
        ["gelu"] = x => x[0].Gelu(),
        ["gelu_tanh"] = x => x[0].GeluTanh(),
        ["softplus"] = x => x[0].Softplus(),
        ["softplus_beta2_threshold1"] = x => x[0].Softplus(2, 1),
        ["clamp"] = x => x[0].Clamp(-0.5, 0.7),
        ["clamp_min"] = x => x[0].ClampMin(0.3),
        ["clamp_max"] = x => x[0].ClampMax(-0.2),
        ["floor"] = x => x[0].Floor(),
        ["ceil"] = x => x[0].Ceil(),
        ["round"] = x => x[0].Round(),
        ["trunc"] = x => x[0].Trunc(),
        ["sign"] = x => x[0].Sign(),
        ["pow_tensor_scalar"] = x => x[0].Pow(2.5),
        ["pow_tensor_int_scalar_negative_base"] = x => x[0].Pow(3.0),
        ["pow_tensor_zero"] = x => x[0].Pow(0.0),
        ["pow_scalar_tensor"] = x => Tensor.Pow(1.7, x[0]),
        ["pow_zero_base_tensor"] = x => Tensor.Pow(0.0, x[0]),
        ["atan2_scalar"] = x => x[0].Atan2(0.7),
        ["hypot_scalar"] = x => x[0].Hypot(0.6),
        ["copysign_scalar"] = x => x[0].CopySign(-1.0),
        ["fmod_scalar"] = x => x[0].Fmod(0.7),
        ["remainder_scalar"] = x => x[0].Remainder(-0.8),
        ["maximum_scalar"] = x => x[0].Maximum(0.25),
        ["minimum_scalar"] = x => x[0].Minimum(0.25),
        ["atan2"] = x => x[0].Atan2(x[1]),
        ["hypot"] = x => x[0].Hypot(x[1]),
        ["copysign"] = x => x[0].CopySign(x[1]),
        ["fmod"] = x => x[0].Fmod(x[1]),
        ["remainder"] = x => x[0].Remainder(x[1]),
        ["maximum"] = x => x[0].Maximum(x[1]),
        ["minimum"] = x => x[0].Minimum(x[1]),
        ["maximum_smooth"] = x => x[0].Maximum(x[1]),
        ["pow"] = x => x[0].Pow(x[1]),
        ["pow_zeros"] = x => x[0].Pow(x[1]),
        ["where"] = x => Tensor.Where(Tensor.FromArray(
            [true, false, true, false, false, false, true, true, true, true, false, false], 3, 4), x[0], x[1]),
    };

    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "nn", "grad-elementwise", "grads.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var cases = new Dictionary<string, JsonElement>();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray()) cases[c.GetProperty("name").GetString()!] = c.Clone();
        return cases;
    });

    public static TheoryData<string> Names => [.. Ops.Keys];

    private static double Value(JsonElement v) => v.ValueKind == JsonValueKind.String
        ? v.GetString() switch { "NaN" => double.NaN, "Infinity" => double.PositiveInfinity, "-Infinity" => double.NegativeInfinity, var s => throw new FormatException(s) }
        : v.GetDouble();

    private static Tensor<double> Read(JsonElement t)
    {
        var shape = t.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var data = t.GetProperty("data").EnumerateArray().Select(Value).ToArray();
        return Tensor.FromArray(data, shape);
    }

    private static Tensor<double>[] ReadAll(JsonElement c, string key) => [.. c.GetProperty(key).EnumerateArray().Select(Read)];

    [Fact]
    public void FixtureCoversEveryMappedOp()
    {
        Assert.Equal(Cases.Value.Keys.Order(), Ops.Keys.Order());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GradientsMatchPyTorch(string name)
    {
        var c = Cases.Value[name];
        var xs = ReadAll(c, "inputs").Select(x => x.RequireGrad()).ToArray();
        bool second = c.TryGetProperty("grads2", out _);
        var y = Ops[name](xs);
        TensorAssert.Close(Read(c.GetProperty("output")), y.Detach(), Tol);
        var grads = Autograd.Grad([y], xs, [Read(c.GetProperty("g"))], createGraph: second, allowUnused: true);
        var expected = ReadAll(c, "grads");
        for (int i = 0; i < xs.Length; i++) TensorAssert.Close(expected[i], grads[i]!, Tol);
        if (!second) return;

        // Second derivatives: ∂(Σᵢ uᵢ ⊙ ∂L/∂xᵢ)/∂x, zero where the gradient does not depend on the inputs.
        var us = ReadAll(c, "u");
        Tensor<double>? h = null;
        for (int i = 0; i < xs.Length; i++)
        {
            var term = (grads[i]! * us[i]).Sum();
            h = h is null ? term : h + term;
        }
        var expected2 = ReadAll(c, "grads2");
        var g2 = h!.RequiresGrad ? Autograd.Grad([h], xs, allowUnused: true) : new Tensor<double>?[xs.Length];
        for (int i = 0; i < xs.Length; i++) TensorAssert.Close(expected2[i], g2[i] ?? Tensor.ZerosLike(xs[i]), Tol);
    }
}
