using System.Numerics;
using Scratch.ML.Testing;

namespace Scratch.ML.Tests.LinearAlgebra;

/// <summary>Seeded random matrices and double-precision reference products for the linear-algebra tests.</summary>
internal static class LinalgTestData
{
    public static Tensor<T> Random<T>(int rows, int cols, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        var data = new T[rows * cols];
        for (int i = 0; i < data.Length; i++) data[i] = T.CreateChecked(rng.NextDouble() * 2 - 1);
        return Tensor.Wrap(data, rows, cols);
    }

    /// <summary>A symmetric positive-definite matrix M·Mᵀ + n·I (condition number ≈ a few).</summary>
    public static Tensor<T> Spd<T>(int n, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = ToDouble(Random<T>(n, n, seed));
        var a = new T[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = i == j ? n : 0;
                for (int k = 0; k < n; k++) s += m[i, k] * m[j, k];
                a[i * n + j] = T.CreateChecked(s);
            }
        return Tensor.Wrap(a, n, n);
    }

    /// <summary>A random symmetric matrix (M + Mᵀ)/2.</summary>
    public static Tensor<T> Symmetric<T>(int n, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var m = ToDouble(Random<T>(n, n, seed));
        var a = new T[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                a[i * n + j] = T.CreateChecked((m[i, j] + m[j, i]) / 2);
        return Tensor.Wrap(a, n, n);
    }

    public static double[,] ToDouble<T>(Tensor<T> t) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var a = t.ToArray2D();
        var d = new double[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                d[i, j] = double.CreateChecked(a[i, j]);
        return d;
    }

    /// <summary>The double-precision product of two matrices given as tensors.</summary>
    public static double[,] Mul(double[,] a, double[,] b)
    {
        int m = a.GetLength(0), k = a.GetLength(1), n = b.GetLength(1);
        if (b.GetLength(0) != k) throw new ArgumentException("inner dimensions differ");
        var c = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++)
            {
                double aip = a[i, p];
                if (aip == 0) continue;
                for (int j = 0; j < n; j++) c[i, j] += aip * b[p, j];
            }
        return c;
    }

    public static double[,] Transpose(double[,] a)
    {
        var t = new double[a.GetLength(1), a.GetLength(0)];
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++) t[j, i] = a[i, j];
        return t;
    }

    public static double[,] Identity(int n)
    {
        var e = new double[n, n];
        for (int i = 0; i < n; i++) e[i, i] = 1;
        return e;
    }

    public static double MaxAbs(double[,] a)
    {
        double m = 0;
        foreach (var x in a) m = Math.Max(m, Math.Abs(x));
        return m;
    }

    /// <summary>Asserts ‖expected − actual‖_max ≤ tol.Absolute + tol.Relative·‖expected‖_max (a norm-wise check, as backward error bounds are).</summary>
    public static void AssertClose(double[,] expected, double[,] actual, Tolerance tol, string what)
    {
        if (expected.GetLength(0) != actual.GetLength(0) || expected.GetLength(1) != actual.GetLength(1))
            throw new TensorAssertException($"{what}: shapes differ: ({expected.GetLength(0)}, {expected.GetLength(1)}) vs ({actual.GetLength(0)}, {actual.GetLength(1)}).");
        double scale = MaxAbs(expected), worst = 0;
        int wi = 0, wj = 0;
        for (int i = 0; i < expected.GetLength(0); i++)
            for (int j = 0; j < expected.GetLength(1); j++)
            {
                double d = Math.Abs(expected[i, j] - actual[i, j]);
                if (!(d <= worst)) { worst = d; wi = i; wj = j; }
            }
        double bound = tol.Absolute + tol.Relative * scale;
        if (!(worst <= bound))
            throw new TensorAssertException($"{what}: max |diff| = {worst:G3} at [{wi}, {wj}] exceeds {tol.Name} bound {bound:G3} (scale {scale:G3}).");
    }

    /// <summary>Asserts QᵀQ = I for a matrix with orthonormal columns.</summary>
    public static void AssertOrthonormalColumns(double[,] q, Tolerance tol, string what)
        => AssertClose(Identity(q.GetLength(1)), Mul(Transpose(q), q), tol, what + " QᵀQ = I");

    public static void AssertUpperTriangular(double[,] r, string what)
    {
        for (int i = 0; i < r.GetLength(0); i++)
            for (int j = 0; j < Math.Min(i, r.GetLength(1)); j++)
                if (r[i, j] != 0) throw new TensorAssertException($"{what}: element [{i}, {j}] below the diagonal is {r[i, j]}.");
    }

    /// <summary>Decomposition tolerance for element type T, loosened for n above the preset's range.</summary>
    public static Tolerance Tol<T>(int n)
    {
        var baseTol = typeof(T) == typeof(float) ? Tolerance.Float32Decomposition : Tolerance.Float64Decomposition;
        int limit = typeof(T) == typeof(float) ? 64 : 100;
        return n > limit ? baseTol.Scaled((double)n / limit, "error bound grows like n·ε beyond the preset's size range") : baseTol;
    }
}
