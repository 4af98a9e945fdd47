using System.Numerics;
using System.Text.Json;
using Scratch.ML.NN;

namespace Scratch.ML.Tests.NN.Optim;

/// <summary>Builds the library optimiser that matches a fixture case's PyTorch constructor arguments.</summary>
internal static class OptimizerFactory
{
    private static double D(JsonElement o, string k, double dflt) => o.TryGetProperty(k, out var v) ? v.GetDouble() : dflt;
    private static bool Bool(JsonElement o, string k) => o.TryGetProperty(k, out var v) && v.GetBoolean();

    private static (double, double) Betas(JsonElement o, double b1, double b2)
        => o.TryGetProperty("betas", out var v) ? (v[0].GetDouble(), v[1].GetDouble()) : (b1, b2);

    /// <summary>Per-group overrides from the fixture (PyTorch names, which are also the library's option names).</summary>
    private static List<ParamGroup<T>> Groups<T>(JsonElement c, Parameter<T>[] ps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var groups = new List<ParamGroup<T>>();
        int i = 0;
        foreach (var g in c.GetProperty("groups").EnumerateArray())
        {
            var opts = new Dictionary<string, double>();
            foreach (var p in g.EnumerateObject()) opts[p.Name] = p.Value.GetDouble();
            groups.Add(new ParamGroup<T>([ps[i++]], opts));
        }
        return groups;
    }

    public static Optimizer<T> Create<T>(JsonElement c, Parameter<T>[] ps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        string name = c.GetProperty("optimizer").GetString()!;
        var o = c.GetProperty("options");
        IEnumerable<ParamGroup<T>> groups = c.GetProperty("groups").ValueKind == JsonValueKind.Array ? Groups(c, ps) : [new ParamGroup<T>(ps)];
        double lr = D(o, "lr", double.NaN);
        switch (name)
        {
            case "sgd":
                return new Sgd<T>(groups, lr, D(o, "momentum", 0), D(o, "dampening", 0), D(o, "weight_decay", 0), Bool(o, "nesterov"));
            case "adam":
            {
                var (b1, b2) = Betas(o, 0.9, 0.999);
                return new Adam<T>(groups, lr, b1, b2, D(o, "eps", 1e-8), D(o, "weight_decay", 0), Bool(o, "amsgrad"));
            }
            case "adamw":
            {
                var (b1, b2) = Betas(o, 0.9, 0.999);
                return new AdamW<T>(groups, lr, b1, b2, D(o, "eps", 1e-8), D(o, "weight_decay", 1e-2), Bool(o, "amsgrad"));
            }
            case "adamax":
            {
                var (b1, b2) = Betas(o, 0.9, 0.999);
                return new Adamax<T>(groups, lr, b1, b2, D(o, "eps", 1e-8), D(o, "weight_decay", 0));
            }
            case "nadam":
            {
                var (b1, b2) = Betas(o, 0.9, 0.999);
                return new NAdam<T>(groups, lr, b1, b2, D(o, "eps", 1e-8), D(o, "weight_decay", 0), D(o, "momentum_decay", 4e-3));
            }
            case "radam":
            {
                var (b1, b2) = Betas(o, 0.9, 0.999);
                return new RAdam<T>(groups, lr, b1, b2, D(o, "eps", 1e-8), D(o, "weight_decay", 0));
            }
            case "rmsprop":
                return new RmsProp<T>(groups, lr, D(o, "alpha", 0.99), D(o, "eps", 1e-8), D(o, "weight_decay", 0), D(o, "momentum", 0), Bool(o, "centered"));
            case "adagrad":
                return new Adagrad<T>(groups, lr, D(o, "lr_decay", 0), D(o, "weight_decay", 0), D(o, "initial_accumulator_value", 0), D(o, "eps", 1e-10));
            case "adadelta":
                return new Adadelta<T>(groups, lr, D(o, "rho", 0.9), D(o, "eps", 1e-6), D(o, "weight_decay", 0));
            case "lbfgs":
                return new Lbfgs<T>(ps, lr, (int)D(o, "max_iter", 20), null, D(o, "tolerance_grad", 1e-7), D(o, "tolerance_change", 1e-9),
                    (int)D(o, "history_size", 100), o.TryGetProperty("line_search_fn", out var ls) ? ls.GetString() : null);
            default:
                throw new ArgumentException($"Unknown optimizer {name} in the fixture.");
        }
    }
}
