// A micrograd-style walkthrough: reverse-mode autodiff on scalars, then the same thing with Scratch.ML's tensors.
using Scratch.ML;
using Scratch.ML.Samples.Micrograd;

Console.WriteLine("1. One expression, differentiated by hand and by back-propagation");
Console.WriteLine("   L = tanh(a·b + c) · a   at a = 2, b = −0.5, c = 0.3");
var a = new Value(2.0, "a");
var b = new Value(-0.5, "b");
var c = new Value(0.3, "c");
var L = (a * b + c).Tanh() * a;
L.Backward();
double t = Math.Tanh(2.0 * -0.5 + 0.3);
Console.WriteLine($"   L = {L.Data:F6}");
Console.WriteLine($"   ∂L/∂a: back-prop {a.Grad:F6}   by hand tanh(u) + a·b·(1−tanh²u) = {t + 2.0 * -0.5 * (1 - t * t):F6}");
Console.WriteLine($"   ∂L/∂b: back-prop {b.Grad:F6}   by hand a²·(1−tanh²u)             = {4.0 * (1 - t * t):F6}");
Console.WriteLine($"   ∂L/∂c: back-prop {c.Grad:F6}   by hand a·(1−tanh²u)              = {2.0 * (1 - t * t):F6}");
Console.WriteLine("   'a' is used twice, so its gradient is the sum of two paths — that is why Backward uses +=.");

Console.WriteLine();
Console.WriteLine("2. The same expression with Scratch.ML tensors (the library's autograd)");
var ta = Tensor.Scalar(2.0).RequireGrad();
var tb = Tensor.Scalar(-0.5).RequireGrad();
var tc = Tensor.Scalar(0.3).RequireGrad();
var tl = (ta * tb + tc).Tanh() * ta;
tl.Backward();
Console.WriteLine($"   L = {tl.ToScalar():F6}, grads a {ta.Grad!.ToScalar():F6}, b {tb.Grad!.ToScalar():F6}, c {tc.Grad!.ToScalar():F6}");
Console.WriteLine($"   the graph it recorded, from the output back: {tl.GradFn!.Name} ← {string.Join(", ", tl.GradFn.NextFunctions.Select(n => n?.Name ?? "·"))}");

Console.WriteLine();
Console.WriteLine("3. Training a tiny scalar MLP (2-8-8-1, tanh) on four points with gradient descent (lr 0.02)");
double[][] xs = [[2.0, 3.0], [3.0, -1.0], [0.5, 1.0], [1.0, 1.0]];
double[] ys = [1.0, -1.0, -1.0, 1.0];
var net = new TinyMlp(2, [8, 8, 1], seed: 1);
var parameters = net.Parameters().ToArray();
Console.WriteLine($"   {parameters.Length} scalar parameters");
for (int step = 0; step <= 100; step++)
{
    Value loss = new(0.0);
    for (int i = 0; i < xs.Length; i++)
    {
        var prediction = net.Call([new Value(xs[i][0]), new Value(xs[i][1])]);
        loss += (prediction - new Value(ys[i])).Pow(2);
    }
    foreach (var p in parameters) p.Grad = 0;   // gradients accumulate, so clear them first
    loss.Backward();
    foreach (var p in parameters) p.Data -= 0.02 * p.Grad;
    if (step % 20 == 0) Console.WriteLine($"   step {step,2}: loss {loss.Data:F5}");
}
Console.Write("   predictions: ");
Console.WriteLine(string.Join("  ", xs.Select((x, i) => $"{net.Call([new Value(x[0]), new Value(x[1])]).Data:+0.00;-0.00} (target {ys[i]:+0;-0})")));
Console.WriteLine();
Console.WriteLine("Everything the library adds on top — tensors instead of scalars, broadcasting undone by SumTo, views,");
Console.WriteLine("a deterministic topological order, freeing saved values, gradients of gradients — is in docs/autograd.md.");
