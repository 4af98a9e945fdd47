using System.Text.Json;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.StructuralGrad;

/// <summary>
/// The structural VJPs against PyTorch 1.13's autograd (fixture: tests/reference/torch_grad_structural.py): the same
/// float64 inputs and upstream gradient v must give the same output and the same gradients of Σ v⊙y.
/// </summary>
public class TorchGradFixtureTests
{
    // float64 on both sides; the ops are copies and short sums, so agreement is to rounding (cumprod's division and
    // logcumsumexp's exp/log account for the relative slack).
    private static readonly Tolerance Float64VsTorch = new("Float64VsTorch", 1e-12, 1e-10);

    private static Tensor<long> L(params long[] v) => Tensor.FromArray(v, v.Length);

    private static readonly Dictionary<string, Func<Tensor<double>[], Tensor<double>>> Ops = new()
    {
        ["pad_reflect"] = x => x[0].Pad([2, 1, 1, 2], PadMode.Reflect),
        ["pad_replicate"] = x => x[0].Pad([2, 1, 1, 2], PadMode.Replicate),
        ["pad_circular"] = x => x[0].Pad([2, 1, 1, 2], PadMode.Circular),
        ["pad_constant_crop"] = x => x[0].Pad([-1, 2, 1, -1], PadMode.Constant, 0.5),
        ["cumprod_zeros"] = x => x[0].CumProd(1),
        ["cumprod_axis0"] = x => x[0].CumProd(0),
        ["logcumsumexp"] = x => x[0].LogCumSumExp(0),
        ["cumsum"] = x => x[0].CumSum(-1),
        ["einsum_diag"] = x => Tensor.Einsum("iij,j->i", x[0], x[1]),
        ["einsum_batch_broadcast"] = x => Tensor.Einsum("...ij,...jk->...ik", x[0], x[1]),
        ["einsum_trace"] = x => Tensor.Einsum("ii->", x[0]),
        ["einsum_sum_only"] = x => Tensor.Einsum("ij,k->i", x[0], x[1]),
        ["sort_desc"] = x => x[0].Sort(1, descending: true),
        ["topk"] = x => x[0].TopK(2, 0).Values,
        ["index_get"] = x => x[0].Index(L(0, 2, 2, 0, 1), L(1, 1, 1, 0, 1)),
        ["index_put_accumulate"] = x => x[0].IndexPut([L(0, 2, 2, 0, 1), L(1, 1, 1, 0, 1)], x[1], accumulate: true),
        ["masked_select_broadcast"] = x => x[0].MaskedSelect(Mask()),
        ["masked_fill"] = x => x[0].MaskedFill(Mask(), 2.0),
        ["repeat_interleave_list"] = x => x[0].RepeatInterleave([2, 0, 3], 0),
        ["repeat"] = x => x[0].Repeat(2, 1, 3),
        ["gather"] = x => x[0].Gather(1, Tensor.FromArray(new long[,] { { 0, 2, 2 }, { 1, 0, 0 } })),
        ["scatter_add"] = x => x[0].ScatterAdd(0, Tensor.FromArray(new long[,] { { 0, 2, 2 }, { 2, 0, 0 } }), x[1]),
        ["index_select"] = x => x[0].IndexSelect(0, L(2, 0, 2, 2)),
        ["take_along_dim"] = x => x[0].TakeAlongAxis(Tensor.FromArray(new long[,] { { 0, 3 }, { 3, 3 }, { 1, 0 } }), 1),
        ["roll"] = x => x[0].Roll([1, -5], [0, 1]),
        ["flip"] = x => x[0].Flip(0, 2),
        ["tril_triu"] = x => x[0].Tril(-1) + x[0].Triu(2),
        ["scatter_unique"] = x => x[0].Scatter(0, Tensor.FromArray(new long[,] { { 0, 2, 1 }, { 1, 0, 2 } }), x[1]),
        ["index_put_unique"] = x => x[0].IndexPut([L(2, 0)], x[1]),
        ["einsum_implicit_three"] = x => Tensor.Einsum("ij,jk,kl", x[0], x[1], x[2]),
        ["chunk_split"] = x =>
        {
            var p = x[0].Chunk(3, -1);
            return Tensor.Concat([p[0], p[1] * 2.0, p[2] * 3.0], 0);
        },
        ["cat_stack"] = x => Tensor.Stack([Tensor.Concat([x[0], x[1]], 1), Tensor.Concat([x[1], x[0]], 1)], 0),
    };

    private static Tensor<bool> Mask() => Tensor.FromArray(new[,] { { true, false, true }, { false, false, true } });

    private static Tensor<double> Read(JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(s => s.GetInt32()).ToArray();
        var data = e.GetProperty("data").EnumerateArray().Select(d => d.GetDouble()).ToArray();
        return Tensor.FromArray(data, data.Length).Reshape(shape);
    }

    private static JsonElement Cases()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "nn", "grad-structural", "torch_structural_grads.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("cases");
    }

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var c in Cases().EnumerateArray()) names.Add(c.GetProperty("name").GetString()!);
        return names;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GradientsMatchPyTorch(string name)
    {
        var c = Cases().EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var inputs = c.GetProperty("inputs").EnumerateArray().Select(e => Read(e).RequireGrad()).ToArray();
        var y = Ops[name](inputs);
        TensorAssert.Close(Read(c.GetProperty("output")), y, Float64VsTorch);
        y.Backward(Read(c.GetProperty("v")));
        var expected = c.GetProperty("grads").EnumerateArray().Select(Read).ToArray();
        for (int i = 0; i < inputs.Length; i++) TensorAssert.Close(expected[i], inputs[i].Grad!, Float64VsTorch);
    }

    [Fact]
    public void EveryFixtureCaseHasAnOp()
    {
        var names = Cases().EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(32, names.Length);
        Assert.All(names, n => Assert.True(Ops.ContainsKey(n), n));
    }
}
