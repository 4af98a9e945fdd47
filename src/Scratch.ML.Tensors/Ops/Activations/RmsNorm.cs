using System.Numerics;

namespace Scratch.ML;

public static partial class Tensor
{
    extension<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>
        /// Root-mean-square normalisation (Zhang &amp; Sennrich 2019; PyTorch 2.4's <c>rms_norm</c>) over the trailing
        /// <paramref name="normalizedShape"/> axes: <c>y = x/√(mean(x²) + eps)·w</c>. Shapes: x (…, *normalizedShape);
        /// weight (*normalizedShape) or null. Forward: one fused pass per row; VJP with x̂ = x·r, ĝ = g·w:
        /// <c>∂L/∂x = r·(ĝ − x̂·mean(ĝ·x̂))</c>, <c>∂L/∂w = Σ g·x̂</c> (differentiable again).
        /// </summary>
        /// <param name="normalizedShape">The trailing dimensions to normalise over (at least one).</param>
        /// <param name="weight">Elementwise scale w (or null).</param>
        /// <param name="eps">Added to the mean square; null (default) means the machine epsilon of T
        /// (2⁻²³ for float, 2⁻⁵² for double), PyTorch's <c>torch.finfo(x.dtype).eps</c>.</param>
        /// <exception cref="ArgumentException">x does not end with normalizedShape, or weight has another shape.</exception>
        /// <exception cref="ArgumentOutOfRangeException">eps is negative or not finite.</exception>
        public Tensor<T> RmsNorm(ReadOnlySpan<int> normalizedShape, Tensor<T>? weight = null, double? eps = null)
        {
            ArgumentNullException.ThrowIfNull(x);
            double e = eps ?? MachineEpsilon<T>();
            NormalizationKernel.Validate("RmsNorm", x, normalizedShape, weight, null, e);
            return NormalizeRecorded(x, normalizedShape.Length, weight, null, e, center: false, "rms_norm");
        }
    }

    /// <summary>The machine epsilon of T: the gap between 1 and the next larger value (2⁻²³ for float, 2⁻⁵² for double).
    /// Not <c>float.Epsilon</c>, which is the smallest subnormal.</summary>
    public static double MachineEpsilon<T>() where T : IFloatingPointIeee754<T>
        => double.CreateTruncating(T.BitIncrement(T.One) - T.One);
}
