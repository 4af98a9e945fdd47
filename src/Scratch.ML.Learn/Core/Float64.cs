using System.Numerics;

namespace Scratch.ML.Learn;

/// <summary>
/// The one float64 copy every estimator's inner loops work on: a tensor or span of float or double values converted
/// element by element (exact for float32), in row-major order.
/// </summary>
internal static class Float64
{
    /// <summary>The values of <paramref name="x"/> (any layout; read in row-major order) as a new float64 array.</summary>
    public static double[] From<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => From<T>(x.Contiguous().Detach().AsSpan());

    /// <summary>The values of <paramref name="s"/> as a new float64 array.</summary>
    public static double[] From<T>(ReadOnlySpan<T> s) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var r = new double[s.Length];
        for (int i = 0; i < r.Length; i++) r[i] = double.CreateTruncating(s[i]);
        return r;
    }
}
