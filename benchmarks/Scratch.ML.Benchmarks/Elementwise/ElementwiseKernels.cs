using System.Numerics.Tensors;
using Scratch.ML.Operators;

namespace Scratch.ML.Benchmarks.Elementwise;

/// <summary>
/// The measured ops by name: ours through the backend into a preallocated output (the equivalent of NumPy's
/// <c>out=</c>), and TensorPrimitives called directly on arrays (single thread, contiguous only). Validation helpers
/// compare a sample of our output with a double twin before anything is timed.
/// </summary>
internal static class ElementwiseKernels
{
    public static readonly string[] Unary = ["exp", "tanh", "sigmoid", "relu", "gelu"];
    public static readonly string[] Binary = ["add", "mul"];

    public static bool IsBinary(string op) => op is "add" or "mul";

    public static void Ours(string op, Tensor<float> a, Tensor<float> b, Tensor<float> y)
    {
        var be = Device.Cpu.Backend;
        switch (op)
        {
            case "add": be.Binary<float, AddOperator<float>>(a, b, y); break;
            case "mul": be.Binary<float, MulOperator<float>>(a, b, y); break;
            case "exp": be.Unary<float, ExpOperator<float>>(a, y); break;
            case "tanh": be.Unary<float, TanhOperator<float>>(a, y); break;
            case "sigmoid": be.Unary<float, SigmoidOperator<float>>(a, y); break;
            case "relu": be.Unary<float, ReluOperator<float>>(a, y); break;
            case "gelu": be.Unary<float, GeluOperator<float>>(a, y); break;
            default: throw new ArgumentException($"Unknown op {op}.", nameof(op));
        }
    }

    public static void TensorPrimitivesDirect(string op, float[] a, float[] b, float[] y)
    {
        switch (op)
        {
            case "add": TensorPrimitives.Add(a, b, y); break;
            case "mul": TensorPrimitives.Multiply(a, b, y); break;
            case "exp": TensorPrimitives.Exp(a, y); break;
            case "tanh": TensorPrimitives.Tanh(a, y); break;
            case "sigmoid": TensorPrimitives.Sigmoid(a, y); break;
            case "relu": TensorPrimitives.Max(a, 0f, y); break;
            case "gelu": GeluOperator<float>.Invoke(a, y); break; // no TensorPrimitives Gelu: our span kernel, unthreaded
            default: throw new ArgumentException($"Unknown op {op}.", nameof(op));
        }
    }

    public static double Twin(string op, double a, double b) => op switch
    {
        "add" => a + b,
        "mul" => a * b,
        "exp" => Math.Exp(a),
        "tanh" => Math.Tanh(a),
        "sigmoid" => 1 / (1 + Math.Exp(-a)),
        "relu" => Math.Max(a, 0),
        "gelu" => 0.5 * a * (1 + ErfTwin(a / Math.Sqrt(2))),
        _ => throw new ArgumentException($"Unknown op {op}.", nameof(op)),
    };

    /// <summary>A plain series erf for validation (|x| ≤ 5 in the benchmark data).</summary>
    private static double ErfTwin(double x)
    {
        double ax = Math.Abs(x), term = ax, sum = ax;
        for (int n = 1; n < 300 && term > 1e-17 * sum; n++) { term *= 2 * ax * ax / (2 * n + 1); sum += term; }
        return Math.CopySign(2 / Math.Sqrt(Math.PI) * Math.Exp(-ax * ax) * sum, x);
    }

    /// <summary>Throws unless every 997th element of y matches the twin of the broadcast inputs within 1e-5.</summary>
    public static void Validate(string op, Tensor<float> a, Tensor<float> b, Tensor<float> y)
    {
        var av = a.BroadcastTo(y.Shape).ToArray();
        var bv = b.BroadcastTo(y.Shape).ToArray();
        var yv = y.ToArray();
        for (int i = 0; i < yv.Length; i += 997)
        {
            double e = Twin(op, av[i], bv[i]);
            if (Math.Abs(yv[i] - e) > 1e-5 * (1 + Math.Abs(e)))
                throw new InvalidOperationException($"{op}: element {i} = {yv[i]}, expected {e}.");
        }
    }
}
