using System.Numerics;

namespace Scratch.ML.LinearAlgebra;

public static partial class Linalg
{
    /// <summary>
    /// The determinant of a square matrix (n × n) → 0-d tensor, or of each matrix of a batch (…, n, n) → (…), from
    /// the LU factorisation (see <see cref="Det{T}"/>; exactly 0 for a zero pivot). PyTorch's <c>linalg.det</c>.
    /// </summary>
    /// <remarks>
    /// Differentiable (Jacobi's formula): <c>∂L/∂A = g·det(A)·A⁻ᵀ</c>, written with <see cref="Inverse{T}"/> so it
    /// differentiates again. For an exactly singular matrix A⁻¹ does not exist and the gradient is the cofactor
    /// matrix g·adj(A)ᵀ, computed from the SVD A = U·Σ·Vᵀ as <c>det(U)·det(V)·U·diag(Πⱼ≠ᵢ σⱼ)·Vᵀ</c> (correct to
    /// first order). PyTorch 1.13 returns 0 there instead. Recording that backward pass (createGraph) at a singular
    /// matrix throws <see cref="NotSupportedException"/> rather than return a graph with missing second-order terms.
    /// </remarks>
    /// <exception cref="ArgumentException">A is not a finite (batch of) square matrices.</exception>
    public static Tensor<T> Determinant<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSquareBatch(a, "Determinant");
        var d = Batched.Map(a, [], m => Tensor.Scalar(Det(m)));
        return Autograd.Record(d, "linalg_det", a, static (g, node) =>
        {
            var a = node.Input(0);
            var scale = (g * node.Output).Unsqueeze(-1).Unsqueeze(-1);
            bool singular;
            using (Autograd.NoGrad()) singular = !T.IsZero(node.Output.Detach().Eq(T.Zero).Cast<T>().Sum().ToScalar());
            if (!singular) return scale * Inverse(a).MT;
            // Grad mode is on inside a VJP only when the backward pass itself is being recorded (createGraph).
            if (Autograd.IsEnabled)
                throw new NotSupportedException("Determinant: second derivatives at an exactly singular matrix are not implemented (the first-order gradient there is the SVD cofactor matrix, a constant). Run backward without createGraph, or perturb the matrix.");
            Tensor<T> cofactors;
            using (Autograd.NoGrad()) cofactors = Batched.Map(a.Detach(), a.ShapeArray()[^2..], Cofactors);
            return g.Unsqueeze(-1).Unsqueeze(-1) * cofactors;
        });
    }

    /// <summary>
    /// log|det A| of a square matrix → 0-d tensor, or of each matrix of a batch (…, n, n) → (…): the differentiable
    /// half of <see cref="Slogdet{T}"/> (the sign is piecewise constant and has no gradient). −∞ for a singular matrix.
    /// </summary>
    /// <remarks>
    /// Differentiable: <c>∂L/∂A = g·A⁻ᵀ</c> (d log|det A| = tr(A⁻¹dA)), written with <see cref="Inverse{T}"/>, so it
    /// differentiates again (the Hessian-vector products of log-det barriers and Gaussian log-likelihoods). The
    /// backward pass of an exactly singular matrix throws <see cref="SingularMatrixException"/> (the gradient is
    /// infinite).
    /// </remarks>
    /// <exception cref="ArgumentException">A is not a finite (batch of) square matrices.</exception>
    public static Tensor<T> LogAbsDet<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSquareBatch(a, "LogAbsDet");
        var y = Batched.Map(a, [], m => Tensor.Scalar(Slogdet(m).LogAbsDet));
        return Autograd.Record(y, "linalg_slogdet", a, LogDetVjp);
    }

    /// <summary>
    /// log det A (PyTorch's <c>logdet</c>): log|det A| where det A &gt; 0, NaN where det A &lt; 0, −∞ for a singular
    /// matrix; for one matrix → 0-d tensor or a batch (…, n, n) → (…). The gradient is that of
    /// <see cref="LogAbsDet{T}"/>, g·A⁻ᵀ.
    /// </summary>
    /// <exception cref="ArgumentException">A is not a finite (batch of) square matrices.</exception>
    public static Tensor<T> LogDet<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireSquareBatch(a, "LogDet");
        var y = Batched.Map(a, [], m =>
        {
            var (sign, log) = Slogdet(m);
            return Tensor.Scalar(T.IsNegative(sign) ? T.NaN : log);
        });
        return Autograd.Record(y, "logdet", a, LogDetVjp);
    }

    private static Tensor<T> LogDetVjp<T>(Tensor<T> g, OpNode<T> node) where T : unmanaged, IFloatingPointIeee754<T>
        => g.Unsqueeze(-1).Unsqueeze(-1) * Inverse(node.Input(0)).MT;

    private static void RequireSquareBatch<T>(Tensor<T> a, string op) where T : unmanaged
    {
        Batched.RequireMatrices(a, op, nameof(a));
        if (a.Size(-1) != a.Size(-2))
            throw new ArgumentException($"{op}: a must be square (…, n, n), got shape {Shapes.Format(a.Shape)}.", nameof(a));
    }

    /// <summary>The cofactor matrix adj(A)ᵀ = det(U)·det(V)·U·diag(Πⱼ≠ᵢ σⱼ)·Vᵀ of a square matrix, valid when A is singular.</summary>
    private static Tensor<T> Cofactors<T>(Tensor<T> a) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (u, s, vh) = Svd(a);
        var sv = s.ToArray();
        var others = new T[sv.Length];
        T orientation = Slogdet(u).Sign * Slogdet(vh).Sign;
        for (int i = 0; i < sv.Length; i++)
        {
            T p = orientation;
            for (int j = 0; j < sv.Length; j++) if (j != i) p *= sv[j];
            others[i] = p;
        }
        return (u * Tensor.Wrap(others, others.Length)).MatMul(vh);
    }
}
