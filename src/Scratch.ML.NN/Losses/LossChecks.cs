using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// Opt-in checks on loss values. Losses never check their own output (a NaN can be legitimate, e.g. the mean over an
/// empty or fully ignored batch, as in PyTorch); a training loop that wants to stop at the first bad step calls
/// <c>LossChecks.ThrowIfNotFinite(loss)</c> before <c>loss.Backward()</c>.
/// </summary>
public static class LossChecks
{
    /// <summary>Whether every element of <paramref name="loss"/> is finite (neither NaN nor ±∞).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="loss"/> is null.</exception>
    public static bool IsFinite<T>(Tensor<T> loss) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        foreach (var v in loss.ToArray())
            if (!T.IsFinite(v)) return false;
        return true;
    }

    /// <summary>
    /// Throws <see cref="NonFiniteLossException"/> if <paramref name="loss"/> (any shape) holds NaN or ±∞; returns
    /// <paramref name="loss"/> otherwise, so it can wrap the call: <c>var l = LossChecks.ThrowIfNotFinite(ce.Forward(x, y));</c>.
    /// </summary>
    /// <param name="loss">The loss value (scalar or unreduced).</param>
    /// <param name="name">A name for the message, e.g. <c>"CrossEntropyLoss at step 1200"</c>.</param>
    /// <exception cref="NonFiniteLossException">Some element is NaN or infinite; the message gives the counts and the first position.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="loss"/> is null.</exception>
    public static Tensor<T> ThrowIfNotFinite<T>(Tensor<T> loss, string? name = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(loss);
        var values = loss.ToArray();
        int nan = 0, inf = 0, first = -1;
        for (int i = 0; i < values.Length; i++)
        {
            var v = values[i];
            if (T.IsNaN(v)) nan++;
            else if (T.IsInfinity(v)) inf++;
            else continue;
            if (first < 0) first = i;
        }
        if (first < 0) return loss;
        string what = name ?? "loss";
        string where = loss.Rank == 0 ? "" : $" of shape {Shapes.Format(loss.Shape)}; first at flat index {first} (value {values[first]})";
        throw new NonFiniteLossException(
            $"{what} is not finite: {nan} NaN and {inf} infinite element(s){where}. Check the learning rate, the inputs (NaN in the data?) and any log/division of zero.",
            nan, inf, first);
    }
}
