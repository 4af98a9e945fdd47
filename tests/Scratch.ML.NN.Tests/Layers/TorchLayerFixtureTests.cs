using System.Text.Json;
using Scratch.ML.NN;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.NN.Layers;

/// <summary>
/// Every layer against PyTorch 1.13 (fixtures from tests/reference/torch_layers.py): the fixture's weights are loaded
/// through <see cref="Module{T}.LoadStateDict"/> (whose keys must equal PyTorch's <c>state_dict()</c> keys), then the
/// output, the input gradient and every parameter gradient for the fixture's upstream gradient are compared in float32.
/// </summary>
public class TorchLayerFixtureTests
{
    public static TheoryData<string> Names =>
    [
        "linear", "bilinear", "relu", "leaky_relu", "prelu_shared", "prelu_channels", "elu", "selu", "gelu", "gelu_tanh",
        "silu", "mish", "tanh", "sigmoid", "hardtanh", "softplus", "softmax", "log_softmax", "layer_norm", "layer_norm_last",
        "layer_norm_no_affine", "rms_norm", "rms_norm_2d", "embedding", "flatten", "unflatten", "identity", "dropout_eval", "sequential",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void MatchesPyTorch(string name)
    {
        using var doc = LayerFixture.Load(name);
        var root = doc.RootElement;
        var config = root.GetProperty("config");
        var module = Build(name, config);

        var expectedState = root.GetProperty("state_dict").EnumerateObject().ToDictionary(p => p.Name, p => LayerFixture.Tensor(p.Value));
        Assert.Equal(expectedState.Keys, module.StateDict().Keys);
        module.LoadStateDict(expectedState);
        if (config.TryGetProperty("train", out var train) && !train.GetBoolean()) module.Eval();

        var inputs = root.GetProperty("inputs").EnumerateArray().ToArray();
        Tensor<float>[] xs = [];
        Tensor<float> y;
        if (module is Embedding<float> emb)
            y = emb.Forward(LayerFixture.LongTensor(inputs[0]));
        else
        {
            xs = [.. inputs.Select(e => LayerFixture.Tensor(e).RequireGrad())];
            y = module switch
            {
                Bilinear<float> b => b.Forward(xs[0], xs[1]),
                Layer<float> l => l.Call(xs[0]),
                _ => throw new InvalidOperationException(name),
            };
        }
        var tol = Tolerance.Float32VsTorch;
        TensorAssert.Close(LayerFixture.Tensor(root.GetProperty("output")), y, tol);

        y.Backward(LayerFixture.Tensor(root.GetProperty("grad_output")));
        var inputGrads = root.GetProperty("input_grads").EnumerateArray().ToArray();
        Assert.Equal(xs.Length, inputGrads.Length);
        for (int i = 0; i < xs.Length; i++)
            TensorAssert.Close(LayerFixture.Tensor(inputGrads[i]), xs[i].Grad ?? throw new InvalidOperationException($"{name}: input {i} got no gradient"), tol);
        var paramGrads = root.GetProperty("param_grads").EnumerateObject().ToDictionary(p => p.Name, p => LayerFixture.Tensor(p.Value));
        var named = module.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        Assert.Equal(paramGrads.Keys.Order(), named.Keys.Order());
        foreach (var (key, expected) in paramGrads)
            TensorAssert.Close(expected, named[key].Grad ?? throw new InvalidOperationException($"{name}: {key} got no gradient"), tol);
    }

    private static Module<float> Build(string name, JsonElement c)
    {
        double D(string key) => c.GetProperty(key).GetDouble();
        int[] Shape(string key) => [.. c.GetProperty(key).EnumerateArray().Select(e => e.GetInt32())];
        double? Eps() => c.GetProperty("eps").ValueKind == JsonValueKind.Null ? null : D("eps");
        return name switch
        {
            "linear" => new Linear<float>(5, 4),
            "bilinear" => new Bilinear<float>(3, 4, 2),
            "relu" => new Relu<float>(),
            "leaky_relu" => new LeakyRelu<float>(D("negative_slope")),
            "prelu_shared" or "prelu_channels" => new PRelu<float>(c.GetProperty("num_parameters").GetInt32()),
            "elu" => new Elu<float>(D("alpha")),
            "selu" => new Selu<float>(),
            "gelu" or "gelu_tanh" => new Gelu<float>(c.GetProperty("approximate").GetString()!),
            "silu" => new Silu<float>(),
            "mish" => new Mish<float>(),
            "tanh" => new Tanh<float>(),
            "sigmoid" => new Sigmoid<float>(),
            "hardtanh" => new Hardtanh<float>(D("min_val"), D("max_val")),
            "softplus" => new Softplus<float>(D("beta"), D("threshold")),
            "softmax" => new Softmax<float>(c.GetProperty("dim").GetInt32()),
            "log_softmax" => new LogSoftmax<float>(c.GetProperty("dim").GetInt32()),
            "layer_norm" or "layer_norm_last" => new LayerNorm<float>(Shape("normalized_shape"), D("eps")),
            "layer_norm_no_affine" => new LayerNorm<float>(Shape("normalized_shape"), D("eps"), elementwiseAffine: false),
            "rms_norm" or "rms_norm_2d" => new RmsNorm<float>(Shape("normalized_shape"), Eps()),
            "embedding" => new Embedding<float>(c.GetProperty("num_embeddings").GetInt32(), c.GetProperty("embedding_dim").GetInt32(), c.GetProperty("padding_idx").GetInt32()),
            "flatten" => new Flatten<float>(c.GetProperty("start_dim").GetInt32(), c.GetProperty("end_dim").GetInt32()),
            "unflatten" => new Unflatten<float>(c.GetProperty("dim").GetInt32(), Shape("sizes")),
            "identity" => new Identity<float>(),
            "dropout_eval" => new Dropout<float>(D("p")),
            "sequential" => new Sequential<float>(new Linear<float>(5, 6), new Tanh<float>(), new LayerNorm<float>(6), new Linear<float>(6, 2)),
            _ => throw new ArgumentException(name),
        };
    }
}

/// <summary>Reads the layer fixtures (shape + flat data in float64 JSON).</summary>
internal static class LayerFixture
{
    public static JsonDocument Load(string name)
        => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "nn", "layers", name + ".json")));

    private static int[] Shape(JsonElement e) => [.. e.GetProperty("shape").EnumerateArray().Select(s => s.GetInt32())];

    public static Tensor<float> Tensor(JsonElement e)
        => Scratch.ML.Tensor.FromArray([.. e.GetProperty("data").EnumerateArray().Select(v => (float)v.GetDouble())], Shape(e));

    public static Tensor<long> LongTensor(JsonElement e)
        => Scratch.ML.Tensor.FromArray([.. e.GetProperty("data").EnumerateArray().Select(v => v.GetInt64())], Shape(e));
}
