using System.Text.Json;
using Scratch.ML.NN;

namespace Scratch.ML.Tests.NN.Optim;

/// <summary>
/// Loads tests/reference/fixtures/nn/optim/*.json (written by tests/reference/torch_optim.py with torch 1.13 in
/// float64) and rebuilds the fixed problem: loss(W, b) = mean((X·W + b − Y)²) + 0.1·ΣW⁴ + 0.1·Σb⁴, with
/// W: (3, 2), b: (2), X: (5, 3), Y: (5, 2).
/// </summary>
internal static class OptimFixtures
{
    private static readonly Dictionary<string, JsonDocument> Cache = [];
    private static readonly Lock Gate = new();

    public static JsonElement Load(string name)
    {
        lock (Gate)
        {
            if (!Cache.TryGetValue(name, out var doc))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "nn", "optim", name + ".json");
                Cache[name] = doc = JsonDocument.Parse(File.ReadAllText(path));
            }
            return doc.RootElement;
        }
    }

    public static double[] Doubles(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];

    public static JsonElement Case(string file, string name)
    {
        foreach (var c in Load(file).GetProperty("cases").EnumerateArray())
            if (c.GetProperty("name").GetString() == name) return c;
        throw new KeyNotFoundException($"No case {name} in {file}.json.");
    }

    public static IEnumerable<string> CaseNames(string file)
        => Load(file).GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("name").GetString()!);

    /// <summary>The problem: fresh copies of W0, b0 as parameters and the loss closure over them.</summary>
    public sealed class Problem
    {
        private readonly Tensor<double> x, y;

        public Problem()
        {
            var root = Load("optimizers");
            W = new Parameter<double>(Tensor.FromArray(Doubles(root.GetProperty("W0")), 3, 2));
            B = new Parameter<double>(Tensor.FromArray(Doubles(root.GetProperty("b0")), 2));
            x = Tensor.FromArray(Doubles(root.GetProperty("X")), 5, 3);
            y = Tensor.FromArray(Doubles(root.GetProperty("Y")), 5, 2);
        }

        public Parameter<double> W { get; }
        public Parameter<double> B { get; }
        public Parameter<double>[] Parameters => [W, B];

        /// <summary>The loss, recorded by the library's autograd.</summary>
        public Tensor<double> Loss()
        {
            var r = x.MatMul(W.Value) + B.Value - y;
            return r.Square().Mean() + W.Value.Square().Square().Sum() * 0.1 + B.Value.Square().Square().Sum() * 0.1;
        }

        /// <summary>Zero grads, loss, backward: one training evaluation (also the L-BFGS closure).</summary>
        public Tensor<double> Closure(Optimizer<double> opt)
        {
            opt.ZeroGrad();
            var l = Loss();
            l.Backward();
            return l;
        }
    }
}
