// v1 — naive i-j-p triple loop, one dot product per element (the shape of Gemm.Reference).
// Changes: nothing; the baseline. Strided reads of B (column walk) miss the cache for every p once n·4 B > L1.
// Measured (Zen 5, 1T, best of runs on a loaded machine): f32 1.4 GFLOP/s at n = 256, 0.6 at n = 512; f64 0.7 / 0.3 —
// 170–400× below the FMA peak.
namespace GemmLab;

public sealed class V1Naive : ILabKernel
{
    public string Name => "v1";
    public string Description => "naive i-j-p dot products";

    public void Multiply(int m, int n, int k, float[] a, float[] b, float[] c)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                float s = 0;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
                c[i * n + j] = s;
            }
    }

    public void Multiply(int m, int n, int k, double[] a, double[] b, double[] c)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
                c[i * n + j] = s;
            }
    }
}
