using System.Numerics;

namespace Scratch.ML;

public partial interface ITensorBackend
{
    /// <summary>
    /// Batched matrix product <c>c[t] ← α·a[t]·b[t] + β·c[t]</c> over the last two axes: a: (…, m, k), b: (…, k, n),
    /// c: (…, m, n), all of the same rank with equal batch axes (a and b already broadcast, stride 0 on broadcast
    /// axes). Any strides, including negative ones; c must not overlap itself. When β = 0, c is not read.
    /// </summary>
    void MatMul<T>(Tensor<T> a, Tensor<T> b, Tensor<T> c, T alpha, T beta) where T : unmanaged, IFloatingPointIeee754<T>;
}
