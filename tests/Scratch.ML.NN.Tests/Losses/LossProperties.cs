using FsCheck;
using FsCheck.Fluent;
using Scratch.ML.NN;
using Scratch.ML.Rng;
using Scratch.ML.Testing;

namespace Scratch.ML.Tests.NN.Losses;

/// <summary>
/// FsCheck properties over generated batches (N 1–5, C 2–6, optional trailing axis, labels, smoothing, seeds) that tie
/// independent code paths together: the fused class-index node vs. the composite probability-target path and vs.
/// log_softmax + NLL, invariances (logit shift), gradient identities, and relations between losses.
/// </summary>
public class LossProperties
{
    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(60);

    // Unit-scale float64 checks through a few exp/log/sum passes: Float64Reduction scaled ×100 (log-sum-exp of up to
    // 6 terms and the one-hot composite sum differ in rounding order, not in maths).
    private static readonly Tolerance Tol = Tolerance.Float64Reduction.Scaled(100, "different evaluation orders of the same sums");

    public sealed record Batch(int N, int C, int S, long[] Labels, double Smoothing, ulong Seed)
    {
        public Tensor<double> Logits(double scale = 2) => Tensor.Normal<double>(0, scale, new Generator(Seed), S == 1 ? [N, C] : [N, C, S]);

        public Tensor<long> Target => S == 1 ? Tensor.FromArray(Labels, N) : Tensor.FromArray(Labels, N, S);

        public Tensor<double> OneHot()
        {
            var h = new double[N * C * S];
            for (int i = 0; i < N; i++)
                for (int j = 0; j < S; j++) h[(i * C + Labels[i * S + j]) * S + j] = 1;
            return S == 1 ? Tensor.FromArray(h, N, C) : Tensor.FromArray(h, N, C, S);
        }

        public override string ToString() => $"N={N} C={C} S={S} ε={Smoothing} seed={Seed} labels=[{string.Join(",", Labels)}]";
    }

    private static Arbitrary<Batch> Batches() =>
        (from n in Gen.Choose(1, 5)
         from c in Gen.Choose(2, 6)
         from s in Gen.Elements(1, 1, 3)
         from labels in Gen.ArrayOf(Gen.Choose(0, c - 1).Select(v => (long)v), n * s)
         from eps in Gen.Elements(0.0, 0.1, 0.5)
         from seed in Gen.Choose(0, int.MaxValue - 1)
         select new Batch(n, c, s, labels, eps, (ulong)seed)).ToArbitrary();

    private static bool Close(Tensor<double> expected, Tensor<double> actual)
    {
        var e = expected.ToArray();
        var a = actual.ToArray();
        if (e.Length != a.Length) return false;
        for (int i = 0; i < e.Length; i++)
            if (!Tol.IsClose(a[i], e[i])) return false;
        return true;
    }

    [Xunit.Fact]
    public void IndexTargetsEqualOneHotProbabilityTargets()
        => Check.One(Config, Prop.ForAll(Batches(), b =>
        {
            foreach (var red in new[] { Reduction.Mean, Reduction.Sum, Reduction.None })
            {
                var ce = new CrossEntropyLoss<double>(reduction: red, labelSmoothing: b.Smoothing);
                if (!Close(ce.Forward(b.Logits(), b.OneHot()), ce.Forward(b.Logits(), b.Target))) return false;
            }
            return true;
        }));

    [Xunit.Fact]
    public void CrossEntropyEqualsNllOfLogSoftmax()
        => Check.One(Config, Prop.ForAll(Batches(), b =>
        {
            var w = Tensor.Uniform<double>(0.2, 2, new Generator(b.Seed + 1), b.C);
            long ignore = b.Labels[0];
            var ce = new CrossEntropyLoss<double>(w, ignore, Reduction.Mean).Forward(b.Logits(), b.Target);
            var nll = new NllLoss<double>(w, ignore, Reduction.Mean).Forward(b.Logits().LogSoftmax(1), b.Target);
            return double.IsNaN(ce.ToScalar()) ? double.IsNaN(nll.ToScalar()) : Close(nll, ce);
        }));

    [Xunit.Fact]
    public void CrossEntropyIsInvariantToShiftingLogitsAndItsGradientSumsToZeroOverClasses()
        => Check.One(Config, Prop.ForAll(Batches(), b =>
        {
            var w = Tensor.Uniform<double>(0.2, 2, new Generator(b.Seed + 2), b.C);
            var ce = new CrossEntropyLoss<double>(w, reduction: Reduction.Sum, labelSmoothing: b.Smoothing);
            var x = b.Logits().RequireGrad();
            var loss = ce.Forward(x, b.Target);
            if (!Close(loss, ce.Forward(b.Logits() + 17.0, b.Target))) return false;
            loss.Backward();
            // Σ_c ∂ℓ/∂x_c = A − Σ_c B_c = 0 for every position: softmax's rows sum to 1.
            return Close(Tensor.Zeros<double>(x.Grad!.Sum(1).Shape), x.Grad!.Sum(1));
        }));

    [Xunit.Fact]
    public void BinaryAndRegressionRelations()
        => Check.One(Config, Prop.ForAll(Batches(), b =>
        {
            var x = b.Logits();
            var y = Tensor.Uniform<double>(0, 1, new Generator(b.Seed + 3), x.ShapeArray());
            // BCE-with-logits(x, y) = BCE(σ(x), y) for moderate logits
            var logits = new BceWithLogitsLoss<double>(reduction: Reduction.None).Forward(x, y);
            var probs = new BceLoss<double>(reduction: Reduction.None).Forward(x.Sigmoid(), y);
            // Huber(δ) = δ · SmoothL1(β = δ)
            double delta = 0.3 + b.Smoothing;
            var huber = new HuberLoss<double>(Reduction.None, delta).Forward(x, y);
            var smooth = new SmoothL1Loss<double>(Reduction.None, delta).Forward(x, y) * delta;
            // MSE, L1 ≥ 0 and vanish at the target
            bool zero = new MseLoss<double>(Reduction.Sum).Forward(y, y).ToScalar() == 0 && new L1Loss<double>(Reduction.Sum).Forward(y, y).ToScalar() == 0;
            return Close(logits, probs) && Close(huber, smooth) && zero;
        }));
}
