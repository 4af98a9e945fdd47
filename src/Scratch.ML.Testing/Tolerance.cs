namespace Scratch.ML.Testing;

/// <summary>
/// A named comparison rule <c>|actual − expected| ≤ Absolute + Relative·|expected|</c>. Every preset documents where
/// its numbers come from; tests use presets (or build one with a stated reason) instead of bare literals.
/// </summary>
/// <param name="Name">A short name used in failure messages.</param>
/// <param name="Absolute">The absolute part, for expected values near zero.</param>
/// <param name="Relative">The relative part, scaled by |expected|.</param>
public readonly record struct Tolerance(string Name, double Absolute, double Relative)
{
    /// <summary>
    /// Exact equality (copies, views, integer ops): nothing is computed, so nothing may differ.
    /// </summary>
    public static Tolerance Exact { get; } = new(nameof(Exact), 0, 0);

    /// <summary>
    /// One float32 elementwise kernel vs. its double-precision twin: TensorPrimitives' vectorised transcendental
    /// functions are accurate to a few ulp; 8 ulp of float32 (ε = 1.19e-7) ≈ 1e-6 relative, with an absolute floor for
    /// results near zero (e.g. sin near π).
    /// </summary>
    public static Tolerance Float32Kernel { get; } = new(nameof(Float32Kernel), 1e-6, 1e-6);

    /// <summary>One float64 elementwise kernel vs. its twin: a few ulp of float64 (ε = 2.2e-16).</summary>
    public static Tolerance Float64Kernel { get; } = new(nameof(Float64Kernel), 1e-14, 1e-14);

    /// <summary>
    /// A float32 reduction or dot product of length n ≤ 10⁴ vs. a float64 twin: pairwise/blocked summation error grows
    /// like ε·log₂n·Σ|xᵢ|; 1e-5 covers n = 10⁴ with inputs of mixed sign of unit scale.
    /// </summary>
    public static Tolerance Float32Reduction { get; } = new(nameof(Float32Reduction), 1e-5, 1e-5);

    /// <summary>A float64 reduction of length n ≤ 10⁶: ε·n bound with margin.</summary>
    public static Tolerance Float64Reduction { get; } = new(nameof(Float64Reduction), 1e-12, 1e-12);

    /// <summary>
    /// Float32 GEMM with inner dimension k ≤ 1024 vs. a float64 triple loop: the standard bound |ΔC| ≤ k·ε·|A||B|
    /// with ε = 1.19e-7 gives ~1.2e-4 for k = 1024 at unit-scale inputs; compare with values scaled by k.
    /// </summary>
    public static Tolerance Float32Gemm { get; } = new(nameof(Float32Gemm), 1e-4, 1e-4);

    /// <summary>Float64 GEMM with k ≤ 1024: k·ε ≈ 2.3e-13.</summary>
    public static Tolerance Float64Gemm { get; } = new(nameof(Float64Gemm), 1e-12, 1e-12);

    /// <summary>
    /// Float64 decompositions of well-conditioned n ≤ 100 matrices (reconstruction, vs. LAPACK fixtures): backward-stable
    /// algorithms give ‖ΔA‖ ≈ c·n·ε‖A‖; 1e-10 leaves room for condition numbers up to ~10³.
    /// </summary>
    public static Tolerance Float64Decomposition { get; } = new(nameof(Float64Decomposition), 1e-10, 1e-10);

    /// <summary>Float32 decompositions of n ≤ 64 matrices: c·n·ε with ε = 1.19e-7.</summary>
    public static Tolerance Float32Decomposition { get; } = new(nameof(Float32Decomposition), 1e-4, 1e-4);

    /// <summary>
    /// Iterative solvers and optimisers: agreement to the solver's own convergence criterion (gradient tolerance
    /// 1e-8 on smooth problems gives parameters to ~1e-6).
    /// </summary>
    public static Tolerance IterativeSolver { get; } = new(nameof(IterativeSolver), 1e-6, 1e-6);

    /// <summary>Special functions and distribution cdf/quantiles vs. SciPy: series/continued fractions converged to ~1e-14, with margin.</summary>
    public static Tolerance SpecialFunction { get; } = new(nameof(SpecialFunction), 1e-12, 1e-10);

    /// <summary>
    /// Central finite differences in float64 vs. an analytic gradient: with step h = 1e-6 the truncation error is
    /// O(h²·|f‴|) ≈ 1e-12 and the rounding error O(ε·|f|/h) ≈ 2e-10 for unit-scale f, so 1e-6 absolute/relative leaves
    /// room for functions with larger third derivatives (PyTorch's gradcheck uses the same numbers).
    /// </summary>
    public static Tolerance GradCheck { get; } = new(nameof(GradCheck), 1e-6, 1e-5);

    /// <summary>
    /// Second-order finite differences (the gradient of a gradient): the differentiated function is itself a
    /// backward pass, so rounding is amplified once more; 1e-5 absolute/relative.
    /// </summary>
    public static Tolerance GradGradCheck { get; } = new(nameof(GradGradCheck), 1e-5, 1e-4);

    /// <summary>
    /// Float32 forward outputs and gradients vs. PyTorch float32 fixtures: different summation orders in GEMM and
    /// reductions differ by a few ulp per accumulation (k ≤ 1024): 1e-5 absolute, 1e-4 relative.
    /// </summary>
    public static Tolerance Float32VsTorch { get; } = new(nameof(Float32VsTorch), 1e-5, 1e-4);

    /// <summary>Whether <paramref name="actual"/> is within tolerance of <paramref name="expected"/>. NaN matches NaN; infinities must match exactly.</summary>
    public bool IsClose(double actual, double expected)
    {
        if (double.IsNaN(expected)) return double.IsNaN(actual);
        if (double.IsInfinity(expected)) return actual == expected;
        return Math.Abs(actual - expected) <= Absolute + Relative * Math.Abs(expected);
    }

    /// <summary>A copy with both parts multiplied by <paramref name="factor"/>; say why in the calling code.</summary>
    public Tolerance Scaled(double factor, string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        return new($"{Name}×{factor} ({reason})", Absolute * factor, Relative * factor);
    }
}
