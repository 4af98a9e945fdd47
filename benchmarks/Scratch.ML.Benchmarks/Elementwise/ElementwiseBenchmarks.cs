using BenchmarkDotNet.Attributes;

namespace Scratch.ML.Benchmarks.Elementwise;

/// <summary>
/// BenchmarkDotNet view of the elementwise kernels on 16M float32 (4096 × 4096): ours contiguous / transposed /
/// step-2 / broadcast-row into a preallocated output, and TensorPrimitives directly on arrays, at 1 and 2 threads.
/// Run: <c>dotnet run -c Release --project benchmarks/Scratch.ML.Benchmarks -- --filter *ElementwiseBenchmarks*</c>.
/// The quicker side-by-side table with NumPy is the peer runner (<c>-- peers elementwise</c>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 5)]
public class ElementwiseBenchmarks
{
    private const int Rows = 4096, Cols = 4096;
    private Tensor<float> x = null!, xt = null!, x2 = null!, b = null!, row = null!, y = null!;
    private float[] xa = null!, ba = null!, ya = null!;

    [Params("add", "mul", "exp", "tanh", "sigmoid", "relu", "gelu")]
    public string Op { get; set; } = "add";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxThreads = Threads;
        var r = new Random(1);
        float[] Fill(int n) { var v = new float[n]; for (int i = 0; i < n; i++) v[i] = (float)(r.NextDouble() * 10 - 5); return v; }
        xa = Fill(Rows * Cols);
        ba = Fill(Rows * Cols);
        ya = new float[Rows * Cols];
        x = Tensor.FromArray(xa).Reshape(Rows, Cols);
        b = Tensor.FromArray(ba).Reshape(Rows, Cols);
        xt = Tensor.FromArray(Fill(Rows * Cols)).Reshape(Cols, Rows).MT;
        x2 = Tensor.FromArray(Fill(2 * Rows * Cols)).Reshape(Rows, 2 * Cols).Slice(1, null, null, 2);
        row = Tensor.FromArray(Fill(Cols)).BroadcastTo(Rows, Cols);
        y = Tensor.Zeros<float>(Rows, Cols);
        ElementwiseKernels.Ours(Op, x, b, y);
        ElementwiseKernels.Validate(Op, x, b, y);
        ElementwiseKernels.Ours(Op, xt, xt, y);
        ElementwiseKernels.Validate(Op, xt, xt, y);
    }

    [Benchmark(Baseline = true)]
    public void TensorPrimitivesArray() => ElementwiseKernels.TensorPrimitivesDirect(Op, xa, ba, ya);

    [Benchmark]
    public void Contiguous() => ElementwiseKernels.Ours(Op, x, b, y);

    [Benchmark]
    public void Transposed() => ElementwiseKernels.Ours(Op, xt, xt, y);

    [Benchmark]
    public void Step2() => ElementwiseKernels.Ours(Op, x2, x2, y);

    [Benchmark]
    public void BroadcastRow() => ElementwiseKernels.Ours(Op, x, row, y);
}
