using FsCheck;
using FsCheck.Fluent;

namespace Scratch.ML.Tests.ElementwiseGrad;

/// <summary>Where an op may be differentiated: an interval minus a margin around points where it is not smooth.</summary>
/// <param name="Lo">Lower end of the sampled interval.</param>
/// <param name="Hi">Upper end of the sampled interval.</param>
/// <param name="Kinks">Kinks, jumps, ties or poles to stay away from.</param>
/// <param name="Margin">The distance kept from each kink (finite differences use a step of 1e-6).</param>
public sealed record Domain(double Lo, double Hi, double[] Kinks, double Margin = 1e-3)
{
    /// <summary>A smooth interval with nothing to avoid.</summary>
    public static Domain Of(double lo, double hi) => new(lo, hi, []);

    /// <summary>Draws a value uniformly from the interval, rejecting values within the margin of a kink.</summary>
    public double Sample(Random rng)
    {
        while (true)
        {
            double x = Lo + (Hi - Lo) * rng.NextDouble();
            bool ok = true;
            foreach (double k in Kinks) ok &= Math.Abs(x - k) > Margin;
            if (ok) return x;
        }
    }
}

/// <summary>
/// One generated test point: operand shapes (rank 0–3, sizes 1–4; for binary ops a pair that broadcasts, with leading
/// axes dropped and size-1 axes), a seed for the values and a layout per operand.
/// </summary>
/// <param name="A">Shape of the first operand.</param>
/// <param name="B">Shape of the second operand (binary ops).</param>
/// <param name="Seed">Seed of the values.</param>
/// <param name="LayoutA">Layout of the first operand (see <see cref="GradGen.Make"/>).</param>
/// <param name="LayoutB">Layout of the second operand.</param>
public sealed record GradCase(int[] A, int[] B, int Seed, int LayoutA, int LayoutB)
{
    /// <inheritdoc />
    public override string ToString() => $"A {Shapes.Format(A)} layout {LayoutA}, B {Shapes.Format(B)} layout {LayoutB}, seed {Seed}";
}

/// <summary>FsCheck generators and input builders for the elementwise gradient checks.</summary>
public static class GradGen
{
    /// <summary>The number of layouts <see cref="Make"/> knows.</summary>
    public const int Layouts = 4;

    /// <summary>A dimension size 1–4.</summary>
    public static Gen<int> Dim => Gen.Choose(1, 4);

    /// <summary>A shape of rank 0–3, sizes 1–4.</summary>
    public static Gen<int[]> Shape =>
        from rank in Gen.Choose(0, 3)
        from dims in Gen.ArrayOf(Dim, rank)
        select dims;

    /// <summary>An operand shape that broadcasts to <paramref name="target"/>: a suffix of it with some axes set to 1.</summary>
    public static Gen<int[]> BroadcastOperand(int[] target) =>
        from drop in Gen.Choose(0, target.Length)
        from ones in Gen.ArrayOf(Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true))), target.Length - drop)
        select target.Skip(drop).Select((n, i) => ones[i] ? 1 : n).ToArray();

    /// <summary>Test points for one-input ops.</summary>
    public static Arbitrary<GradCase> Unary =>
        (from a in Shape
         from seed in Gen.Choose(0, int.MaxValue - 1)
         from layout in Gen.Choose(0, Layouts - 1)
         select new GradCase(a, [], seed, layout, 0)).ToArbitrary();

    /// <summary>Test points for two-input ops: both operands broadcast to a common shape.</summary>
    public static Arbitrary<GradCase> Binary =>
        (from target in Shape
         from a in BroadcastOperand(target)
         from b in BroadcastOperand(target)
         from seed in Gen.Choose(0, int.MaxValue - 1)
         from la in Gen.Choose(0, Layouts - 1)
         from lb in Gen.Choose(0, Layouts - 1)
         select new GradCase(a, b, seed, la, lb)).ToArbitrary();

    /// <summary>
    /// A float64 tensor of <paramref name="shape"/> with values drawn from <paramref name="domain"/>, laid out as
    /// 0: contiguous; 1: a transposed view (axes reversed in storage); 2: every second element of a bigger tensor
    /// (step-2 slices with an offset); 3: a reversed step-2 slice of a bigger tensor, then transposed.
    /// </summary>
    public static Tensor<double> Make(int[] shape, Domain domain, Random rng, int layout)
    {
        int rank = shape.Length;
        Tensor<double> Fill(int[] s)
        {
            var d = new double[Shapes.Numel(s)];
            for (int i = 0; i < d.Length; i++) d[i] = domain.Sample(rng);
            return Tensor.FromArray(d, s);
        }
        if (rank == 0 || layout == 0) return Fill(shape);
        var reverse = Enumerable.Range(0, rank).Reverse().ToArray();
        switch (layout)
        {
            case 1:
                return Fill(shape.Reverse().ToArray()).Permute(reverse);
            case 2:
            {
                var v = Fill(shape.Select(n => 2 * n + 1).ToArray());
                for (int i = 0; i < rank; i++) v = v.Slice(i, 1, null, 2).Narrow(i, 0, shape[i]);
                return v;
            }
            default:
            {
                var v = Fill(shape.Reverse().Select(n => 2 * n + 1).ToArray());
                for (int i = 0; i < rank; i++) v = v.Slice(i, null, null, -2).Narrow(i, 0, shape[rank - 1 - i]);
                return v.Permute(reverse);
            }
        }
    }

    /// <summary>
    /// Operands for a binary op whose broadcast element pairs all satisfy <paramref name="valid"/> (e.g. no ties for
    /// maximum); redraws the values until they do.
    /// </summary>
    public static (Tensor<double> A, Tensor<double> B) MakePair(GradCase c, Domain da, Domain db, Func<double, double, bool>? valid)
    {
        var rng = new Random(c.Seed);
        for (int attempt = 0; ; attempt++)
        {
            var a = Make(c.A, da, rng, c.LayoutA);
            var b = Make(c.B, db, rng, c.LayoutB);
            if (valid is null) return (a, b);
            var shape = Shapes.Broadcast(a.Shape, b.Shape);
            var xa = a.BroadcastTo(shape).ToArray();
            var xb = b.BroadcastTo(shape).ToArray();
            bool ok = true;
            for (int i = 0; i < xa.Length && ok; i++) ok = valid(xa[i], xb[i]);
            if (ok) return (a, b);
            if (attempt > 1000) throw new InvalidOperationException($"No valid operands for {c} after 1000 draws.");
        }
    }

    /// <summary>A fixed pseudo-random bool mask of <paramref name="shape"/> (about half true).</summary>
    public static Tensor<bool> Mask(int[] shape, int seed)
    {
        var rng = new Random(seed ^ 0x3a5c);
        var m = new bool[Shapes.Numel(shape)];
        for (int i = 0; i < m.Length; i++) m[i] = rng.Next(2) == 0;
        return Tensor.FromArray(m, shape);
    }
}
