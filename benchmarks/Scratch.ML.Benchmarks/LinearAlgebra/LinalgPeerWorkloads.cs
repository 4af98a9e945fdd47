using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Scratch.ML.Benchmarks.Peers;
using Scratch.ML.LinearAlgebra;

namespace Scratch.ML.Benchmarks.LinearAlgebra;

/// <summary>
/// Decompositions of a 512 × 512 float64 matrix side by side with SciPy/LAPACK (benchmarks/peers/linalg.py) and
/// MathNet.Numerics' managed provider. Setup checks our result by a residual before anything is timed.
/// </summary>
public sealed class LinalgPeerWorkload : IPeerWorkload
{
    private readonly string op;
    private readonly int n;
    private Tensor<double> a = null!;
    private Tensor<double> b = null!;
    private Matrix<double> ma = null!;
    private Matrix<double> mb = null!;

    private LinalgPeerWorkload(string op, int n, int threads)
    {
        this.op = op;
        this.n = n;
        Threads = threads;
    }

    /// <summary>Every operation at n = 512 on one and two threads.</summary>
    public static IEnumerable<IPeerWorkload> All =>
        from threads in new[] { 1, 2 }
        from op in new[] { "lu", "cholesky", "qr", "eigh", "svd", "inv", "solve" }
        select new LinalgPeerWorkload(op, 512, threads);

    public string Group => "linalg";
    public string Name => $"{op} n={n}";
    public int Threads { get; }

    /// <summary>Nominal LAPACK flop counts (LU 2/3·n³, Cholesky 1/3·n³, QR 4/3·n³, inverse 2·n³, solve 2/3·n³ + 2·n³); 0 for the iterative ones.</summary>
    public double WorkPerRun => op switch
    {
        "lu" => 2.0 / 3 * Math.Pow(n, 3),
        "cholesky" => 1.0 / 3 * Math.Pow(n, 3),
        "qr" => 4.0 / 3 * Math.Pow(n, 3),
        "inv" => 2.0 * Math.Pow(n, 3),
        "solve" => 8.0 / 3 * Math.Pow(n, 3),
        _ => 0,
    };

    public string RateUnit => "GFLOP/s";

    public string? PythonArgs => string.Create(CultureInfo.InvariantCulture, $"{op} {n}");

    public void Setup()
    {
        var rng = new Random(0);
        var data = new double[n * n];
        for (int i = 0; i < data.Length; i++) data[i] = rng.NextDouble() * 2 - 1;
        if (op == "cholesky") data = SpdFrom(data, n);
        if (op == "eigh")
            for (int i = 0; i < n; i++)
                for (int j = 0; j < i; j++) data[j * n + i] = data[i * n + j];
        a = Tensor.Wrap(data, n, n);
        var bd = new double[n * n];
        for (int i = 0; i < bd.Length; i++) bd[i] = rng.NextDouble() * 2 - 1;
        b = Tensor.Wrap(bd, n, n);
        ma = Matrix<double>.Build.Dense(n, n, (i, j) => data[i * n + j]);
        mb = Matrix<double>.Build.Dense(n, n, (i, j) => bd[i * n + j]);
        Validate();
    }

    private static double[] SpdFrom(double[] m, int n)
    {
        var s = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j <= i; j++)
            {
                double dot = 0;
                for (int k = 0; k < n; k++) dot += m[i * n + k] * m[j * n + k];
                s[i * n + j] = s[j * n + i] = dot + (i == j ? n : 0);
            }
        return s;
    }

    /// <summary>Checks one of our results against its defining residual with MathNet's matrix product.</summary>
    private void Validate()
    {
        static Matrix<double> M(Tensor<double> t) => Matrix<double>.Build.Dense(t.Size(0), t.Size(1), (i, j) => t[i, j]);
        double scale = ma.FrobeniusNorm();
        double residual = op switch
        {
            "lu" => Lu(),
            "cholesky" => (M(Linalg.Cholesky(a)) * M(Linalg.Cholesky(a)).Transpose() - ma).FrobeniusNorm(),
            "qr" => Qr(),
            "eigh" => Eigh(),
            "svd" => Svd(),
            "inv" => (ma * M(Linalg.Inverse(a)) - Matrix<double>.Build.DenseIdentity(n)).FrobeniusNorm() / 1e3,
            "solve" => (ma * M(Linalg.Solve(a, b)) - mb).FrobeniusNorm() / 1e3,
            _ => throw new InvalidOperationException(op),
        };
        if (!(residual <= 1e-9 * Math.Max(scale, 1)))
            throw new InvalidOperationException($"linalg {op}: residual {residual:G3} too large (scale {scale:G3}).");

        double Lu()
        {
            var f = Linalg.Lu(a);
            if (!f.Packed.ToArray().SequenceEqual(Linalg.LuFactor(a).Packed.ToArray())) throw new InvalidOperationException("LuFactor differs from Lu.");
            return (M(f.P) * ma - M(f.L) * M(f.U)).FrobeniusNorm();
        }
        double Qr() { var f = Linalg.Qr(a); return (M(f.Q) * M(f.R) - ma).FrobeniusNorm(); }
        double Eigh() { var f = Linalg.Eigh(a); var v = M(f.Vectors); return (ma * v - v * Matrix<double>.Build.DenseOfDiagonalArray(f.Values.ToArray())).FrobeniusNorm(); }
        double Svd() { var f = Linalg.Svd(a, false); return (M(f.U) * Matrix<double>.Build.DenseOfDiagonalArray(f.S.ToArray()) * M(f.Vh) - ma).FrobeniusNorm(); }
    }

    public void RunOurs()
    {
        switch (op)
        {
            case "lu": Linalg.LuFactor(a); break; // packed factors, like SciPy's lu_factor and MathNet's LU()
            case "cholesky": Linalg.Cholesky(a); break;
            case "qr": Linalg.Qr(a); break;
            case "eigh": Linalg.Eigh(a); break;
            case "svd": Linalg.Svd(a, fullMatrices: false); break;
            case "inv": Linalg.Inverse(a); break;
            case "solve": Linalg.Solve(a, b); break;
        }
    }

    public Action? MathNet => op switch
    {
        "lu" => () => ma.LU(),
        "cholesky" => () => ma.Cholesky(),
        "qr" => () => ma.QR(QRMethod.Thin),
        "eigh" => () => ma.Evd(Symmetricity.Symmetric),
        "svd" => () => ma.Svd(computeVectors: true),
        "inv" => () => ma.Inverse(),
        "solve" => () => ma.Solve(mb),
        _ => null,
    };
}
