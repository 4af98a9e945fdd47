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
}
