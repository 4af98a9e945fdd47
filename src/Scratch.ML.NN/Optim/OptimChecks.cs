using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>Hyperparameter checks shared by the optimisers; messages name the option, the rule and the value.</summary>
internal static class OptimChecks
{
    /// <summary>value ≥ 0.</summary>
    public static void NonNegative<T>(ParamGroup<T> g, string name, int index) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double v = g[name];
        if (!(v >= 0)) throw new ArgumentOutOfRangeException(name, v, $"Invalid {name}: expected {name} ≥ 0, got {v} (parameter group {index}).");
    }

    /// <summary>0 ≤ value &lt; 1 (betas, as in PyTorch).</summary>
    public static void UnitInterval<T>(ParamGroup<T> g, string name, int index, bool includeOne = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double v = g[name];
        bool ok = includeOne ? v >= 0 && v <= 1 : v >= 0 && v < 1;
        if (!ok) throw new ArgumentOutOfRangeException(name, v, $"Invalid {name}: expected 0 ≤ {name} {(includeOne ? "≤" : "<")} 1, got {v} (parameter group {index}).");
    }

    /// <summary>The options every Adam-family optimiser shares: lr, eps and weight decay ≥ 0; β₁, β₂ in [0, 1).</summary>
    public static void AdamFamily<T>(ParamGroup<T> g, int index) where T : unmanaged, IFloatingPointIeee754<T>
    {
        NonNegative(g, "lr", index);
        NonNegative(g, "eps", index);
        UnitInterval(g, "beta1", index);
        UnitInterval(g, "beta2", index);
        NonNegative(g, "weight_decay", index);
    }
}
