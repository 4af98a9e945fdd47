using Scratch.ML.Rng;

namespace Scratch.ML.Testing.Conformance;

/// <summary>The seeded data and tolerances the conformance checks use.</summary>
internal static class Data
{
    /// <summary>A batch vs row-by-row comparison: the same arithmetic in a different blocking, a few ulp.</summary>
    public static readonly Tolerance RowTolerance = new("ConformanceRow", 1e-12, 1e-10);

    /// <summary>Permuted rows or weights instead of repeats: sums in another order, ε·n·cond with margin.</summary>
    public static readonly Tolerance OrderTolerance = new("ConformanceOrder", 1e-9, 1e-7);

    /// <summary>A float32 fit vs a float64 fit of well-conditioned data: float32 ε = 1.2e-7 times n = 40 with margin.</summary>
    public static readonly Tolerance FloatTolerance = new("ConformanceFloat", 1e-3, 1e-3);

    public static Tensor<double> Features(int n, int d, ulong seed) => Tensor.Uniform<double>(-2, 3, new Generator(seed), n, d);

    /// <summary>y = x·β + 0.5 + small noise, with β = (1, −2, 0.5, …).</summary>
    public static Tensor<double> Target(Tensor<double> x, ulong seed)
    {
        int d = x.Shape[1];
        var beta = new double[d];
        for (int j = 0; j < d; j++) beta[j] = (j % 3) switch { 0 => 1.0, 1 => -2.0, _ => 0.5 };
        var noise = Tensor.Normal<double>(0, 0.1, new Generator(seed), x.Shape[0]);
        return x.MatMul(Tensor.FromArray(beta, d)) + 0.5 + noise;
    }

    public static Tensor<double> Permuted(Tensor<double> x, ulong seed)
    {
        var order = new Generator(seed).Permutation(x.Shape[0]);
        return x.IndexSelect(0, Tensor.FromArray(Array.ConvertAll(order, i => (long)i), order.Length));
    }

    public static Tensor<double> WithValue(Tensor<double> x, int row, int col, double value)
    {
        var c = x.Clone();
        c[row, col] = value;
        return c;
    }

    /// <summary>Rows repeated 1–3 times and the equivalent integer weights.</summary>
    public static (Tensor<double> X, Tensor<double> Y, Tensor<double> W) Repeated(Tensor<double> x, Tensor<double> y)
    {
        var idx = new List<long>();
        var w = new double[x.Shape[0]];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = 1 + i % 3;
            for (int r = 0; r < w[i]; r++) idx.Add(i);
        }
        var index = Tensor.FromArray(idx.ToArray(), idx.Count);
        return (x.IndexSelect(0, index), y.IndexSelect(0, index), Tensor.FromArray(w, w.Length));
    }

    public static Tensor<float> ToFloat(Tensor<double> x) => x.Cast<float>();

    public static Tensor<double> ToDouble(Tensor<float> x) => x.Cast<double>();

    /// <summary>Three Gaussian blobs (σ = 0.8) around well-separated centres: x (n, d), labels 0, 1, 2 in turn.</summary>
    public static (Tensor<double> X, int[] Y) Blobs(int n, int d, int classes, ulong seed)
    {
        var x = Tensor.Normal<double>(0, 0.8, new Generator(seed), n, d).ToArray();
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = i % classes;
            for (int j = 0; j < d; j++) x[i * d + j] += 3.0 * ((y[i] + j) % classes) - 3.0;
        }
        return (Tensor.FromArray(x, n, d), y);
    }
}
