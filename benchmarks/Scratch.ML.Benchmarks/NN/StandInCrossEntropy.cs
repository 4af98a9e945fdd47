namespace Scratch.ML.Benchmarks.NN;

/// <summary>
/// STAND-IN (benchmark-local, replaced by the nn-losses area's fused CrossEntropy once merged): mean cross-entropy of
/// logits (B, C) against class indices (B), <c>L = −(1/B) Σᵢ log_softmax(xᵢ)[tᵢ]</c>, computed in one pass per row
/// (max, log-sum-exp, pick) and recorded as one node. Its VJP is <c>g · (softmax(x) − onehot(t)) / B</c>, with the
/// softmax saved by the forward pass (first-order only: the saved matrix carries no history).
/// </summary>
internal static class StandInCrossEntropy
{
    public static Tensor<float> Loss(Tensor<float> logits, int[] targets)
    {
        int b = logits.Shape[0], c = logits.Shape[1];
        var x = logits.Contiguous().AsSpan();
        var grad = Tensor.Zeros<float>(b, c);   // (softmax − onehot) / B
        var gs = grad.AsSpan();
        double total = 0;
        for (int i = 0; i < b; i++)
        {
            var row = x.Slice(i * c, c);
            float max = float.NegativeInfinity;
            foreach (float v in row) max = MathF.Max(max, v);
            float sum = 0;
            for (int j = 0; j < c; j++) { float e = MathF.Exp(row[j] - max); gs[i * c + j] = e; sum += e; }
            float lse = max + MathF.Log(sum), inv = 1f / (sum * b);
            for (int j = 0; j < c; j++) gs[i * c + j] *= inv;
            gs[i * c + targets[i]] -= 1f / b;
            total += lse - row[targets[i]];
        }
        var loss = Tensor.FromArray([(float)(total / b)]).Reshape();
        return Autograd.Record(loss, "cross_entropy", logits, static (g, n) =>
        {
            var r = g * n.State<Tensor<float>>();
            if (!Autograd.IsEnabled) r.ExclusiveGradient = true; // fresh: the engine may recycle it (library-internal mark)
            return r;
        }, grad);
    }
}
