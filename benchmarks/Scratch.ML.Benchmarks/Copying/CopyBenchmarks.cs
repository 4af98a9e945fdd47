using BenchmarkDotNet.Attributes;
using Scratch.ML.Cpu;

namespace Scratch.ML.Benchmarks.Copying;

/// <summary>
/// Data movement: a contiguous copy (memcpy bound), the copy of a transposed 4096×4096 float32 view through the
/// current row walker (<c>Contiguous()</c> → CopyDriver) and through the cache-blocked kernel, Concat along both axes,
/// Gather and IndexSelect. Outputs are validated against scalar references once in <see cref="Setup"/>.
/// Run: <c>dotnet run -c Release --project benchmarks/Scratch.ML.Benchmarks -- --filter *CopyBenchmarks* --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class CopyBenchmarks
{
    private const int N = 4096;
    private Tensor<float> square = null!, transposed = null!, destination = null!;
    private Tensor<float>[] rowBlocks = null!, columnBlocks = null!;
    private Tensor<float> table = null!;
    private Tensor<long> gatherIndex = null!, rowIndex = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = new float[N * N];
        for (int i = 0; i < data.Length; i++) data[i] = i % 1000;
        square = Tensor.Wrap(data, N, N);
        transposed = square.MT;
        destination = Tensor.Zeros<float>(N, N);
        rowBlocks = Enumerable.Range(0, 8).Select(_ => Tensor.Full(1f, 512, N)).ToArray();
        columnBlocks = Enumerable.Range(0, 8).Select(_ => Tensor.Full(1f, N, 512)).ToArray();
        table = Tensor.Arange(0f, N * 1024f, 1f).Reshape(N, 1024);
        var rng = new Random(1);
        gatherIndex = Tensor.FromArray(Enumerable.Range(0, N * 256).Select(_ => (long)rng.Next(1024)).ToArray(), N, 256);
        rowIndex = Tensor.FromArray(Enumerable.Range(0, 2048).Select(_ => (long)rng.Next(N)).ToArray());

        // Validate before timing.
        if (!BlockedTranspose.TryCopy(transposed, destination)) throw new InvalidOperationException("blocked path declined");
        for (int k = 0; k < 1000; k++)
        {
            int i = rng.Next(N), j = rng.Next(N);
            if (destination[i, j] != square[j, i]) throw new InvalidOperationException("blocked transpose is wrong");
        }
        var g = table.Gather(1, gatherIndex);
        if (g[7, 3] != table[7, (int)gatherIndex[7, 3]]) throw new InvalidOperationException("gather is wrong");
        var c = Tensor.Concat<float>(columnBlocks, 1);
        if (c.Size(1) != 8 * 512 || c[5, 4000] != 1f) throw new InvalidOperationException("concat is wrong");
    }

    [Benchmark(Baseline = true, Description = "contiguous copy 4096² f32 (Clone)")]
    public Tensor<float> ContiguousCopy() => square.Clone();

    [Benchmark(Description = "transposed copy 4096² f32 (Contiguous → CopyDriver)")]
    public Tensor<float> TransposedRowWalker() => transposed.Contiguous();

    [Benchmark(Description = "transposed copy 4096² f32 (CopyDriver, preallocated)")]
    public void TransposedRowWalkerInto() => CopyDriver.Copy(transposed, destination);

    [Benchmark(Description = "transposed copy 4096² f32 (blocked, preallocated)")]
    public bool TransposedBlockedInto() => BlockedTranspose.TryCopy(transposed, destination);

    [Benchmark(Description = "concat 8×(512, 4096) axis 0")]
    public Tensor<float> ConcatRows() => Tensor.Concat<float>(rowBlocks, 0);

    [Benchmark(Description = "concat 8×(4096, 512) axis 1")]
    public Tensor<float> ConcatColumns() => Tensor.Concat<float>(columnBlocks, 1);

    [Benchmark(Description = "gather (4096, 1024) axis 1, index (4096, 256)")]
    public Tensor<float> Gather() => table.Gather(1, gatherIndex);

    [Benchmark(Description = "index_select 2048 rows of (4096, 1024)")]
    public Tensor<float> IndexSelectRows() => table.IndexSelect(0, rowIndex);
}
