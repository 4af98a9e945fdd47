using Scratch.ML.Benchmarks.Peers;
using Scratch.ML.Cpu;

namespace Scratch.ML.Benchmarks.Copying;

/// <summary>
/// Copying and indexing side by side with NumPy (<c>benchmarks/peers/copying.py</c>), at 1 and 2 threads.
/// Run: <c>dotnet run -c Release --project benchmarks/Scratch.ML.Benchmarks -- peers copying</c>.
/// Rates are bytes moved (read + written) per second.
/// </summary>
public sealed class CopyPeerWorkload : IPeerWorkload
{
    private readonly string kind;
    private Tensor<float> x = null!;
    private Tensor<float>[] blocks = null!;
    private Tensor<long> index = null!;

    private CopyPeerWorkload(string kind, int threads)
    {
        this.kind = kind;
        Threads = threads;
    }

    /// <summary>
    /// Every workload at 1 and 2 threads. ("transpose-blocked", which called the blocked kernel directly, is no longer
    /// listed: <c>Contiguous()</c> now routes transposed layouts through that kernel, so "transpose" measures it.)
    /// </summary>
    public static IEnumerable<IPeerWorkload> All =>
        from kind in new[] { "copy", "transpose", "concat0", "concat1", "gather", "index_select" }
        from threads in new[] { 1, 2 }
        select (IPeerWorkload)new CopyPeerWorkload(kind, threads);

    /// <inheritdoc />
    public string Group => "copying";

    /// <inheritdoc />
    public string Name => kind switch
    {
        "copy" => "copy 4096² f32",
        "transpose" => "transpose copy 4096² f32 (Contiguous)",
        "transpose-blocked" => "transpose copy 4096² f32 (blocked)",
        "concat0" => "concat 8×(512,4096) axis 0",
        "concat1" => "concat 8×(4096,512) axis 1",
        "gather" => "gather (4096,1024) ax1 idx (4096,256)",
        _ => "index_select 2048 rows of (4096,1024)",
    };

    /// <inheritdoc />
    public int Threads { get; }

    /// <inheritdoc />
    public double WorkPerRun => kind switch
    {
        "gather" => 4096.0 * 256 * (4 + 8 + 4),
        "index_select" => 2048.0 * 1024 * 8,
        _ => 4096.0 * 4096 * 8,
    };

    /// <inheritdoc />
    public string RateUnit => "GB/s";

    /// <inheritdoc />
    public string? PythonArgs => kind.Replace("-blocked", "");

    /// <inheritdoc />
    public Action? MathNet => null;

    /// <inheritdoc />
    public void Setup()
    {
        var rng = new Random(1);
        x = kind is "gather" or "index_select"
            ? Tensor.Arange(0f, 4096f * 1024, 1f).Reshape(4096, 1024)
            : Tensor.Arange(0f, 4096f * 4096, 1f).Reshape(4096, 4096);
        blocks = kind == "concat1"
            ? Enumerable.Range(0, 8).Select(i => Tensor.Full((float)i, 4096, 512)).ToArray()
            : Enumerable.Range(0, 8).Select(i => Tensor.Full((float)i, 512, 4096)).ToArray();
        index = kind == "gather"
            ? Tensor.FromArray(Enumerable.Range(0, 4096 * 256).Select(_ => (long)rng.Next(1024)).ToArray(), 4096, 256)
            : Tensor.FromArray(Enumerable.Range(0, 2048).Select(_ => (long)rng.Next(4096)).ToArray());
        RunOurs();
        // Validate a sample of our output against the definition.
        switch (kind)
        {
            case "transpose" or "transpose-blocked":
                var t = Transposed();
                for (int k = 0; k < 100; k++) { int i = rng.Next(4096), j = rng.Next(4096); Check(t[i, j] == x[j, i]); }
                break;
            case "gather":
                var g = x.Gather(1, index);
                for (int k = 0; k < 100; k++) { int i = rng.Next(4096), j = rng.Next(256); Check(g[i, j] == x[i, (int)index[i, j]]); }
                break;
            case "index_select":
                var s = x.IndexSelect(0, index);
                for (int k = 0; k < 100; k++) { int i = rng.Next(2048), j = rng.Next(1024); Check(s[i, j] == x[(int)index[i], j]); }
                break;
        }
    }

    private static void Check(bool ok)
    {
        if (!ok) throw new InvalidOperationException("copying workload produced a wrong element");
    }

    private Tensor<float> Transposed()
    {
        if (kind == "transpose") return x.MT.Contiguous();
        var y = Tensor.Zeros<float>(4096, 4096);
        BlockedTranspose.TryCopy(x.MT, y);
        return y;
    }

    /// <inheritdoc />
    public void RunOurs()
    {
        switch (kind)
        {
            case "copy": x.Clone(); break;
            case "transpose" or "transpose-blocked": Transposed(); break;
            case "concat0": Tensor.Concat<float>(blocks, 0); break;
            case "concat1": Tensor.Concat<float>(blocks, 1); break;
            case "gather": x.Gather(1, index); break;
            default: x.IndexSelect(0, index); break;
        }
    }
}
