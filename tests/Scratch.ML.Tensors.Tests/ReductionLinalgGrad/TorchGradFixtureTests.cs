using System.Text.Json;
using Scratch.ML.LinearAlgebra;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.ReductionLinalgGrad;

/// <summary>
/// Outputs and gradients of Σ v⊙f(x) against PyTorch 1.13 in float64, from
/// tests/reference/torch_grad_reductions_linalg.py: the VJP formulas and PyTorch's conventions at special points
/// (ties split evenly, products with zeros, σ = 0, ‖x‖ = 0) must agree.
/// </summary>
public class TorchGradFixtureTests
{
    // Both sides evaluate the same formulas in float64 on inputs of order ≤ 4 with κ ≲ 10: ~1e-13 agreement expected;
    // 1e-10 leaves room for the different solve/factorisation orderings (LAPACK vs ours).
    private static readonly Tolerance Tol = new("Float64GradVsTorch", 1e-10, 1e-9);

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases()) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void GradientMatchesPyTorch(string name)
    {
        var c = Cases().Single(e => e.GetProperty("name").GetString() == name);
        var inputs = c.GetProperty("inputs").EnumerateArray().Select(e => Read(e).RequireGrad()).ToArray();
        var y = Apply(c.GetProperty("op").GetString()!, c.GetProperty("args"), inputs);
        TensorAssert.Close(Read(c.GetProperty("y")), y, Tol);
        var grads = Autograd.Grad([y], inputs, [Read(c.GetProperty("v"))], allowUnused: true);
        var expected = c.GetProperty("grads").EnumerateArray().Select(Read).ToArray();
        for (int i = 0; i < inputs.Length; i++)
            TensorAssert.Close(expected[i], grads[i] ?? Tensor.ZerosLike(inputs[i]), Tol);
    }

    private static Tensor<double> Apply(string op, JsonElement args, Tensor<double>[] x)
    {
        int[]? axes = args.TryGetProperty("axes", out var ax) && ax.ValueKind == JsonValueKind.Array
            ? ax.EnumerateArray().Select(a => a.GetInt32()).ToArray() : null;
        bool keep = args.TryGetProperty("keepdim", out var k) && k.GetBoolean();
        int ddof = args.TryGetProperty("ddof", out var d) ? d.GetInt32() : 0;
        ReadOnlySpan<int> all = axes ?? [];
        return op switch
        {
            "prod" => axes is null ? x[0].Prod() : x[0].Prod(axes, keep),
            "amax" => x[0].Max(all, keep),
            "amin" => x[0].Min(all, keep),
            "var" => x[0].Var(all, keep, ddof),
            "std" => x[0].Std(all, keep, ddof),
            "logsumexp" => x[0].LogSumExp(all, keep),
            "norm" => x[0].Norm(Number(args.GetProperty("p")), all, keep),
            "solve" => Linalg.Solve(x[0], x[1]),
            "inv" => Linalg.Inverse(x[0]),
            "det" => Linalg.Determinant(x[0]),
            "logabsdet" => Linalg.LogAbsDet(x[0]),
            "logdet" => Linalg.LogDet(x[0]),
            "cholesky" => Linalg.Cholesky(x[0]),
            "eigvalsh" => Linalg.Eigvalsh(x[0]),
            "lstsq" => Linalg.LeastSquares(x[0], x[1]),
            "pinv" => Linalg.Pinv(x[0]),
            "qr_q" => Linalg.Qr(x[0]).Q,
            "qr_r" => Linalg.Qr(x[0]).R,
            "svdvals" => Linalg.SvdValues(x[0]),
            "svd_uvh" => UTimesVh(Linalg.Svd(x[0], fullMatrices: false)),
            _ => throw new ArgumentException($"Unknown op {op} in the fixture."),
        };
    }

    private static Tensor<double> UTimesVh(SvdResult<double> r) => r.U.MatMul(r.Vh);

    private static JsonElement[] Cases()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "nn", "grad-reductions-linalg", "grads.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        Assert.StartsWith("1.13", doc.RootElement.GetProperty("torch").GetString());
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToArray();
    }

    private static Tensor<double> Read(JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(s => s.GetInt32()).ToArray();
        var data = e.GetProperty("data").EnumerateArray().Select(Number).ToArray();
        return Tensor.FromArray(data, shape.Length == 0 ? [] : shape).Reshape(shape);
    }

    private static double Number(JsonElement v) => v.ValueKind == JsonValueKind.String
        ? v.GetString() switch { "nan" => double.NaN, "inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, var s => throw new FormatException(s) }
        : v.GetDouble();
}
