using System.Numerics;
using System.Text.Json;
using Scratch.ML.NN;

namespace Scratch.ML.Tests.NN.Losses;

/// <summary>A tensor stored in a fixture: dtype ("float32" or "int64"), shape and row-major data.</summary>
public sealed record FixtureTensor(string DType, int[] Shape, double[] Data)
{
    public Tensor<T> As<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var data = new T[Data.Length];
        for (int i = 0; i < data.Length; i++) data[i] = T.CreateChecked(Data[i]);
        return Shape.Length == 0 ? Tensor.Scalar(data[0]) : Tensor.FromArray(data, Shape);
    }

    public Tensor<long> AsLong() => Shape.Length == 0 ? Tensor.Scalar((long)Data[0]) : Tensor.FromArray(Data.Select(v => (long)v).ToArray(), Shape);

    public bool IsIndex => DType == "int64";
}

/// <summary>One PyTorch case from tests/reference/torch_losses.py.</summary>
public sealed record LossCase(string Name, JsonElement Options, Dictionary<string, FixtureTensor> Tensors,
    FixtureTensor Loss, FixtureTensor GradOutput, Dictionary<string, FixtureTensor> Grads, int Index)
{
    public double Num(string key, double fallback) => Options.TryGetProperty(key, out var v) ? v.GetDouble() : fallback;

    public bool Flag(string key) => Options.TryGetProperty(key, out var v) && v.GetBoolean();

    public string ReductionName => Options.GetProperty("reduction").GetString()!;

    public Reduction Reduction => ReductionName switch
    {
        "mean" => Reduction.Mean,
        "sum" => Reduction.Sum,
        "none" => Reduction.None,
        _ => throw new InvalidOperationException($"Reduction {ReductionName} is not a plain reduction."),
    };

    public override string ToString() => $"{Name}#{Index} {Options.GetRawText()} tensors=[{string.Join(", ", Tensors.Keys)}]";
}

public static class LossFixtures
{
    public static LossCase[] Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "nn", "losses", file + ".json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        if (!doc.RootElement.GetProperty("torch").GetString()!.StartsWith("1.13", StringComparison.Ordinal))
            throw new InvalidOperationException("The loss fixtures were written with torch 1.13.");
        var cases = new List<LossCase>();
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
            cases.Add(new LossCase(c.GetProperty("name").GetString()!, c.GetProperty("options").Clone(), Dict(c.GetProperty("tensors")),
                Tensor(c.GetProperty("loss")), Tensor(c.GetProperty("grad_output")), Dict(c.GetProperty("grads")), cases.Count));
        return cases.ToArray();
    }

    private static Dictionary<string, FixtureTensor> Dict(JsonElement e)
        => e.EnumerateObject().ToDictionary(p => p.Name, p => Tensor(p.Value));

    private static FixtureTensor Tensor(JsonElement e)
        => new(e.GetProperty("dtype").GetString()!, e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray(),
            e.GetProperty("data").EnumerateArray().Select(x => x.GetDouble()).ToArray());
}
