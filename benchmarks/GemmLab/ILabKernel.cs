namespace GemmLab;

/// <summary>One kernel version of the lab: row-major C = A·B (A m×k, B k×n) in float32 or float64.</summary>
public interface ILabKernel
{
    /// <summary>Short name used on the command line (v1, v2, …).</summary>
    string Name { get; }

    /// <summary>What this version changes.</summary>
    string Description { get; }

    /// <summary>C ← A·B, all row-major and contiguous.</summary>
    void Multiply(int m, int n, int k, float[] a, float[] b, float[] c);

    /// <summary>C ← A·B, all row-major and contiguous.</summary>
    void Multiply(int m, int n, int k, double[] a, double[] b, double[] c);
}
