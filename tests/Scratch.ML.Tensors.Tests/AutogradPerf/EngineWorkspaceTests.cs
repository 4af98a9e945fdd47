using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.AutogradPerf;

/// <summary>
/// The backward engine reuses its walk collections between passes on a thread; a pass started inside a VJP (a
/// nested backward) must get its own, and a pass that throws must leave the next one clean.
/// </summary>
public class EngineWorkspaceTests
{
    [Fact]
    public void NestedBackwardInsideAVjpUsesItsOwnWorkspace()
    {
        // The user VJP differentiates an inner function with Autograd.Grad while the outer pass is in flight:
        // ∂/∂x of Σ (x² via the function) = 2x, computed by the nested pass.
        var x = Tensor.FromArray(new[] { 1.0, -2.0, 3.0 }).RequireGrad();
        var y = Autograd.Function("square_via_inner_grad", [x], t => t[0] * t[0], (g, n) =>
        {
            var inner = n.Input(0).Detach().RequireGrad();
            Tensor<double> dInner;
            using (Autograd.EnableGrad()) // VJPs run with recording off
                dInner = Autograd.Grad([(inner * inner).Sum()], [inner])[0]!; // 2x
            return [g * dInner];
        });
        (y.Exp().Sum() + y.Sum()).Backward();
        var xv = x.Detach();
        var yv = xv * xv;
        TensorAssert.Close((yv.Exp() + 1.0) * (xv * 2.0), x.Grad!, Tolerance.Float64Kernel);
    }

    [Fact]
    public void PassAfterAFailedPassStartsClean()
    {
        var a = Tensor.FromArray(new[] { 1.0, 2.0 }).RequireGrad();
        var bad = Autograd.Function("bad", [a], t => t[0] * 2.0, (g, _) => throw new InvalidOperationException("boom"));
        Assert.Throws<InvalidOperationException>(() => bad.Sum().Backward());
        var b = Tensor.FromArray(new[] { 3.0, 4.0 }).RequireGrad();
        (b * b).Sum().Backward();
        TensorAssert.Close(Tensor.FromArray(new[] { 6.0, 8.0 }), b.Grad!, Tolerance.Float64Kernel);
        Assert.Null(a.Grad);
    }
}
