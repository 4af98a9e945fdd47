using System.Numerics;
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

    /// <summary>The problem: fresh copies of W0, b0 (rounded to T) as parameters and the loss closure over them.</summary>
    public sealed class Problem<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Tensor<T> x, y;

        public Problem()
        {
            var root = Load("optimizers");
            W = new Parameter<T>(Tensor.FromArray(Cast(root.GetProperty("W0")), 3, 2));
            B = new Parameter<T>(Tensor.FromArray(Cast(root.GetProperty("b0")), 2));
            x = Tensor.FromArray(Cast(root.GetProperty("X")), 5, 3);
            y = Tensor.FromArray(Cast(root.GetProperty("Y")), 5, 2);
        }

        public static T[] Cast(JsonElement e) => [.. Doubles(e).Select(T.CreateTruncating)];

        public Parameter<T> W { get; }
        public Parameter<T> B { get; }
        public Parameter<T>[] Parameters => [W, B];

        /// <summary>The loss, recorded by the library's autograd.</summary>
        public Tensor<T> Loss()
        {
            var r = x.MatMul(W.Value) + B.Value - y;
            T tenth = T.CreateTruncating(0.1);
            return r.Square().Mean() + W.Value.Square().Square().Sum() * tenth + B.Value.Square().Square().Sum() * tenth;
        }

        /// <summary>Zero grads, loss, backward: one training evaluation (also the L-BFGS closure).</summary>
        public Tensor<T> Closure(Optimizer<T> opt)
        {
            opt.ZeroGrad();
            var l = Loss();
            l.Backward();
            return l;
        }
    }
}
