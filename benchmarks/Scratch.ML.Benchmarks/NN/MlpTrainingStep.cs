using Scratch.ML.NN;

namespace Scratch.ML.Benchmarks.NN;

/// <summary>
/// The issue-3 training-step workload: an MLP 784-512-256-10 with ReLU, batch 128, float32; one step is
/// zero-grad, forward, mean cross-entropy, backward and an Adam update (lr 1e-3). Shared by the BenchmarkDotNet class
/// and the peer workload so both time exactly the same code; <see cref="Validate"/> checks one step's gradients
/// against a float64 hand-written backward pass before anything is timed.
/// </summary>
internal sealed class MlpTrainingStep
{
    public const int Batch = 128, In = 784, Hidden1 = 512, Hidden2 = 256, Classes = 10;

    private readonly Sequential<float> model;
    private readonly Linear<float> l1, l2, l3;
    private readonly Adam<float> adam;
    private readonly CrossEntropyLoss<float> lossFn = new();
    private readonly Tensor<float> x;
    private readonly int[] targets;
    private readonly Tensor<int> targetTensor;

    private readonly bool setToNone;

    /// <param name="setToNone">Zero-grad by dropping the gradients (PyTorch 2's default) instead of zero-filling them.</param>
    /// <param name="seed">Initialisation and data seed.</param>
    public MlpTrainingStep(bool setToNone = false, int seed = 1)
    {
        this.setToNone = setToNone;
        Init.ManualSeed((ulong)seed);
        l1 = new Linear<float>(In, Hidden1);
        l2 = new Linear<float>(Hidden1, Hidden2);
        l3 = new Linear<float>(Hidden2, Classes);
        model = new Sequential<float>(l1, new Relu<float>(), l2, new Relu<float>(), l3);
        adam = new Adam<float>(model.Parameters(), lr: 1e-3);
        var rng = new Random(seed);
        var data = new float[Batch * In];
        for (int i = 0; i < data.Length; i++) data[i] = (float)(rng.NextDouble() * 2 - 1);
        x = Tensor.FromArray(data, Batch, In);
        targets = new int[Batch];
        for (int i = 0; i < Batch; i++) targets[i] = rng.Next(Classes);
        targetTensor = Tensor.FromArray(targets);
    }

    /// <summary>Milliseconds spent in each phase since the last <see cref="ResetPhases"/> (relative profiling).</summary>
    public double ForwardMs, BackwardMs, StepMs;

    public void ResetPhases() => ForwardMs = BackwardMs = StepMs = 0;

    /// <summary>One training step; returns the loss before the update.</summary>
    public float Run(bool timePhases = false)
    {
        long t0 = timePhases ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
        adam.ZeroGrad(setToNone);
        var loss = lossFn.Forward(model.Call(x), targetTensor);
        long t1 = timePhases ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
        loss.Backward();
        long t2 = timePhases ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
        adam.Step();
        if (timePhases)
        {
            long t3 = System.Diagnostics.Stopwatch.GetTimestamp();
            double f = 1000.0 / System.Diagnostics.Stopwatch.Frequency;
            ForwardMs += (t1 - t0) * f; BackwardMs += (t2 - t1) * f; StepMs += (t3 - t2) * f;
        }
        return loss.ToScalar();
    }

    /// <summary>Profiling: zero-grad, forward and loss without backward.</summary>
    public float ForwardOnly()
    {
        adam.ZeroGrad(setToNone);
        return lossFn.Forward(model.Call(x), targetTensor).ToScalar();
    }

    /// <summary>Profiling: one optimiser update with the current gradients.</summary>
    public void AdamOnly() => adam.Step();

    /// <summary>
    /// Checks the gradients of one forward/backward pass against a float64 reference written with loops (no
    /// autograd), then checks that 20 Adam steps reduce the loss. Throws when something is off.
    /// </summary>
    public void Validate()
    {
        var lin = new[] { l1, l2, l3 };
        var w = lin.Select(l => l.Weight.Value.ToArray().Select(v => (double)v).ToArray()).ToArray();
        var b = lin.Select(l => l.Bias!.Value.ToArray().Select(v => (double)v).ToArray()).ToArray();
        var (refLoss, gw, gb) = ReferenceGradients(x.ToArray(), targets, w, b);

        adam.ZeroGrad(setToNone: true);
        var loss = lossFn.Forward(model.Call(x), targetTensor);
        loss.Backward();
        Check("loss", [refLoss], [loss.ToScalar()]);
        for (int i = 0; i < 3; i++)
        {
            Check($"layer {i} weight grad", gw[i], lin[i].Weight.Grad!.ToArray());
            Check($"layer {i} bias grad", gb[i], lin[i].Bias!.Grad!.ToArray());
        }
        float first = Run();
        float last = first;
        for (int i = 0; i < 20; i++) last = Run();
        if (!(last < first)) throw new InvalidOperationException($"MLP step: the loss did not decrease over 20 Adam steps ({first} → {last}).");
    }

    private static void Check(string what, double[] expected, float[] actual)
    {
        double scale = 0;
        foreach (double e in expected) scale = Math.Max(scale, Math.Abs(e));
        for (int i = 0; i < expected.Length; i++)
            if (Math.Abs(expected[i] - actual[i]) > 1e-4 * scale + 1e-6)
                throw new InvalidOperationException($"MLP step: {what}[{i}] = {actual[i]}, reference {expected[i]}.");
    }

    /// <summary>Forward and backward of the MLP in float64 with plain loops: loss, weight grads, bias grads.</summary>
    private static (double Loss, double[][] GW, double[][] GB) ReferenceGradients(float[] xf, int[] t, double[][] w, double[][] b)
    {
        int[] dims = [In, Hidden1, Hidden2, Classes];
        var acts = new double[4][];
        acts[0] = xf.Select(v => (double)v).ToArray();
        for (int l = 0; l < 3; l++)
        {
            int din = dims[l], dout = dims[l + 1];
            var y = new double[Batch * dout];
            for (int i = 0; i < Batch; i++)
                for (int o = 0; o < dout; o++)
                {
                    double s = b[l][o];
                    for (int p = 0; p < din; p++) s += acts[l][i * din + p] * w[l][o * din + p];
                    y[i * dout + o] = l < 2 ? Math.Max(s, 0) : s;
                }
            acts[l + 1] = y;
        }
        var g = new double[Batch * Classes];
        double loss = 0;
        for (int i = 0; i < Batch; i++)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < Classes; j++) max = Math.Max(max, acts[3][i * Classes + j]);
            double sum = 0;
            for (int j = 0; j < Classes; j++) sum += Math.Exp(acts[3][i * Classes + j] - max);
            loss += max + Math.Log(sum) - acts[3][i * Classes + t[i]];
            for (int j = 0; j < Classes; j++) g[i * Classes + j] = Math.Exp(acts[3][i * Classes + j] - max) / sum / Batch;
            g[i * Classes + t[i]] -= 1.0 / Batch;
        }
        var gw = new double[3][];
        var gb = new double[3][];
        for (int l = 2; l >= 0; l--)
        {
            int din = dims[l], dout = dims[l + 1];
            gw[l] = new double[dout * din];
            gb[l] = new double[dout];
            var gx = new double[Batch * din];
            for (int i = 0; i < Batch; i++)
                for (int o = 0; o < dout; o++)
                {
                    double go = g[i * dout + o];
                    if (go == 0) continue;
                    gb[l][o] += go;
                    for (int p = 0; p < din; p++)
                    {
                        gw[l][o * din + p] += go * acts[l][i * din + p];
                        gx[i * din + p] += go * w[l][o * din + p];
                    }
                }
            for (int k = 0; k < gx.Length; k++) if (acts[l][k] <= 0) gx[k] = 0; // ReLU mask of the layer input
            g = gx;
        }
        return (loss / Batch, gw, gb);
    }
}
