using System.Numerics;

namespace Scratch.ML.Cpu;

public sealed partial class CpuBackend
{
    /// <inheritdoc />
    public void MatMul<T>(Tensor<T> a, Tensor<T> b, Tensor<T> c, T alpha, T beta) where T : unmanaged, IFloatingPointIeee754<T>
        => MatMulDriver.Run(a, b, c, alpha, beta);
}
