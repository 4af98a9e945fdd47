using System.Globalization;
using Scratch.ML.Benchmarks.Peers;

namespace Scratch.ML.Benchmarks.Elementwise;

/// <summary>
/// Peer workloads of group "elementwise": 16M float32 (4096 × 4096) add, mul, exp, tanh, sigmoid, relu, gelu in four
/// layouts — contiguous, transposed input (x.MT), step-2 input (a (4096, 8192) tensor sliced [:, ::2]) and, for the
/// binary ops, a broadcast row operand — against NumPy with <c>out=</c> (benchmarks/peers/elementwise.py).
/// Rows named "tp-array" time TensorPrimitives directly on arrays in the "ours" column (no Python peer): the floor
/// our contiguous path should reach.
/// </summary>
public sealed class ElementwiseWorkload : IPeerWorkload
{
    private const int Rows = 4096, Cols = 4096;
    private readonly string op, layout;
    private Tensor<float> a = null!, b = null!, y = null!;
    private float[] aa = null!, bb = null!, ya = null!;

    private ElementwiseWorkload(string op, string layout, int threads)
    {
        this.op = op;
        this.layout = layout;
        Threads = threads;
    }

    /// <summary>Every parameterisation: contiguous at 1 and 2 threads, strided and broadcast layouts at 1 and 2 threads, TensorPrimitives at 1.</summary>
    public static IEnumerable<IPeerWorkload> All
    {
        get
        {
            foreach (var op in ElementwiseKernels.Binary.Concat(ElementwiseKernels.Unary))
            {
                yield return new ElementwiseWorkload(op, "tp-array", 1);
                foreach (int t in new[] { 1, 2 })
                {
                    yield return new ElementwiseWorkload(op, "contiguous", t);
                    yield return new ElementwiseWorkload(op, "transposed", t);
                    yield return new ElementwiseWorkload(op, "step2", t);
                    if (ElementwiseKernels.IsBinary(op)) yield return new ElementwiseWorkload(op, "broadcast-row", t);
                }
            }
        }
    }

    public string Group => "elementwise";
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{op} f32 16M {layout}");
    public int Threads { get; }
    /// <summary>Bytes moved: inputs read plus output written.</summary>
    public double WorkPerRun => (double)Rows * Cols * sizeof(float) * (ElementwiseKernels.IsBinary(op) && layout != "broadcast-row" ? 3 : 2);
    public string RateUnit => "GB/s";
    public string? PythonArgs => layout == "tp-array" ? null : $"{op} {layout} {Rows} {Cols}";
    public Action? MathNet => null;

    public void Setup()
    {
        var r = new Random(42);
        float[] Fill(int n) { var v = new float[n]; for (int i = 0; i < n; i++) v[i] = (float)(r.NextDouble() * 10 - 5); return v; }
        if (layout == "tp-array")
        {
            aa = Fill(Rows * Cols);
            bb = Fill(Rows * Cols);
            ya = new float[Rows * Cols];
            ElementwiseKernels.TensorPrimitivesDirect(op, aa, bb, ya);
            ElementwiseKernels.Validate(op, Tensor.FromArray(aa), Tensor.FromArray(bb), Tensor.FromArray(ya));
            return;
        }
        a = layout switch
        {
            "transposed" => Tensor.FromArray(Fill(Rows * Cols)).Reshape(Cols, Rows).MT,
            "step2" => Tensor.FromArray(Fill(Rows * Cols * 2)).Reshape(Rows, 2 * Cols).Slice(1, null, null, 2),
            _ => Tensor.FromArray(Fill(Rows * Cols)).Reshape(Rows, Cols),
        };
        b = layout == "broadcast-row" ? Tensor.FromArray(Fill(Cols)).BroadcastTo(Rows, Cols)
            : layout == "transposed" ? Tensor.FromArray(Fill(Rows * Cols)).Reshape(Cols, Rows).MT
            : layout == "step2" ? Tensor.FromArray(Fill(Rows * Cols * 2)).Reshape(Rows, 2 * Cols).Slice(1, null, null, 2)
            : Tensor.FromArray(Fill(Rows * Cols)).Reshape(Rows, Cols);
        y = Tensor.Zeros<float>(Rows, Cols);
        ElementwiseKernels.Ours(op, a, b, y);
        ElementwiseKernels.Validate(op, a, b, y);
    }

    public void RunOurs()
    {
        if (layout == "tp-array") ElementwiseKernels.TensorPrimitivesDirect(op, aa, bb, ya);
        else ElementwiseKernels.Ours(op, a, b, y);
    }
}
