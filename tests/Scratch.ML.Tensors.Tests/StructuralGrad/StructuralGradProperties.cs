using FsCheck;
using FsCheck.Fluent;
using Scratch.ML.Testing;
using Scratch.ML.Tests.Properties;
using Xunit;

namespace Scratch.ML.Tests.StructuralGrad;

/// <summary>
/// FsCheck properties: on random shapes (rank 1–3, sizes 0–4), random axes and random strided/reversed/permuted
/// layouts (<see cref="ViewGen.RandomLayout"/>), the analytic gradients of the structural ops match central
/// differences.
/// </summary>
public class StructuralGradProperties
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(30);

    private static Arbitrary<(int[] Shape, int Seed)> Cases =>
        (from rank in Gen.Choose(1, 3)
         from dims in Gen.ArrayOf(ViewGen.Dim, rank)
         from seed in Gen.Choose(0, int.MaxValue - 1)
         select (dims, seed)).ToArbitrary();

    private static void Holds(Action<int[], Tensor<double>, Random> check)
        => Check.One(Quick, Prop.ForAll(Cases, c =>
        {
            var (x, storage) = ViewGen.RandomLayout(c.Shape, c.Seed);
            // RandomLayout fills the storage with 0, 1, 2, …; unit-scale values keep the finite differences' rounding
            // error (≈ ε·|L|/h) far below the tolerance.
            storage.CopyFrom(Inputs.Rand(c.Seed, storage.ShapeArray()));
            check(c.Shape, x, new Random(c.Seed));
        }));

    [Fact]
    public void CopyingOpsOnRandomLayouts() => Holds((shape, x, rng) =>
    {
        int axis = rng.Next(-shape.Length, shape.Length);
        int shift = rng.Next(-6, 7);
        var pads = new[] { rng.Next(-1, 3), rng.Next(0, 3) };
        if (shape[^1] + pads[0] + pads[1] < 0) pads[0] = 0;
        GradCheck.Check(v => Tensor.Concat([v[0], v[0] * 2.0], axis), [x]);
        GradCheck.Check(v => Tensor.Stack([v[0], v[0].Square()], axis), [x]);
        GradCheck.Check(v => v[0].Flip(axis).Roll(shift, axis), [x]);
        GradCheck.Check(v => v[0].Pad(pads, PadMode.Constant, 1.0), [x]);
        var repeats = shape.Select(_ => rng.Next(0, 3)).ToArray();
        GradCheck.Check(v => v[0].Repeat(repeats), [x]);
        if (shape[^1] > 0) GradCheck.Check(v => v[0].Pad([1, 1], PadMode.Circular).Pad([2, 0], PadMode.Replicate), [x]);
        if (shape[^1] > 1) GradCheck.Check(v => v[0].Pad([1, 1], PadMode.Reflect), [x]);
    });

    [Fact]
    public void IndexingAndScanOpsOnRandomLayouts() => Holds((shape, x, rng) =>
    {
        int a = rng.Next(shape.Length), n = shape[a];
        GradCheck.Check(v => v[0].CumSum(a - shape.Length), [x]);
        if (n == 0) return;
        // Random indices along a (repeats likely), shaped like x but one longer on the axis.
        var indexShape = (int[])shape.Clone();
        indexShape[a] = n + 1;
        var index = new long[Shapes.Numel(indexShape)];
        for (int i = 0; i < index.Length; i++) index[i] = rng.Next(n);
        var ix = Tensor.FromArray(index, indexShape);
        GradCheck.Check(v => v[0].Gather(a, ix), [x]);
        GradCheck.Check(v => v[0].IndexSelect(a, ix.Reshape(-1).Narrow(0, 0, Math.Min(5, index.Length))), [x]);
        GradCheck.Check(v => Tensor.Zeros<double>(shape).ScatterAdd(a, ix, v[0].Gather(a, ix)), [x]);
    });
}
