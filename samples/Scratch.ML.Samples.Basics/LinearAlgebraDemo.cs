using Scratch.ML;
using Scratch.ML.LinearAlgebra;
using Scratch.ML.Rng;

/// <summary>Matrix products, a least-squares fit and an SVD, printed with explanations.</summary>
internal static class LinearAlgebraDemo
{
    public static void Run()
    {
        Section("7. Random numbers are seeded, always");
        var generator = new Generator(42);
        var design = Tensor.Randn<double>(generator, 100, 3);                 // X: 100 samples, 3 features
        Show("X[..5] from Randn(new Generator(42), 100, 3)", design[..5]);
        Explain("the same seed gives the same numbers on every machine and for every thread count.");

        Section("8. Matrix product");
        var coefficients = Tensor.FromArray(new[] { 2.0, -1.0, 0.5 }, 3, 1); // w: (3, 1)
        var target = design.MatMul(coefficients);                              // y = X w: (100, 3) @ (3, 1) -> (100, 1)
        Show("y[..5] = X.MatMul(w)[..5]", target[..5]);

        Section("9. Least squares recovers the coefficients");
        // A small deterministic perturbation of y, so that the fit is not exact (no random noise needed).
        var perturbed = target + Tensor.Linspace(-0.01, 0.01, 100).Reshape(100, 1);
        var fit = Linalg.Lstsq(design, perturbed);
        Show("true w", coefficients);
        Show("Linalg.Lstsq(X, y + small perturbation).Solution", fit.Solution);
        Explain("the estimate minimises ||X w - y||; with a small perturbation it stays close to the true w.");

        Section("10. Singular value decomposition");
        var a = Tensor.Randn<double>(new Generator(7), 4, 3);
        var svd = Linalg.Svd(a, fullMatrices: false);                          // U (4, 3), S (3,), Vh (3, 3)
        Show("A", a);
        Show("singular values S (descending)", svd.S);
        // Rebuild A = U diag(S) Vh; diag(S) is written through the Diagonal() view of a zero matrix.
        var sigma = Tensor.Zeros<double>(3, 3);
        sigma.Diagonal().CopyFrom(svd.S);
        var rebuilt = svd.U.MatMul(sigma).MatMul(svd.Vh);
        Show("U diag(S) Vh", rebuilt);
        double worst = 0;
        var expected = a.ToArray();
        var actual = rebuilt.ToArray();
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]));
        Explain($"largest |A - U diag(S) Vh| = {worst:E2}: the factorisation reproduces A to rounding error.");
    }

    private static void Section(string title)
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine(new string('-', title.Length));
    }

    private static void Show<T>(string label, Tensor<T> tensor) where T : unmanaged
    {
        Console.WriteLine($"{label}:");
        foreach (var text in tensor.ToString().Split('\n'))
            Console.WriteLine("    " + text);
    }

    private static void Explain(string text) => Console.WriteLine("  -> " + text);
}
