namespace Scratch.ML;

public sealed partial class Tensor<T>
{
    /// <summary>
    /// A 2-d tensor holding a copy of a rectangular array (element [i, j] becomes [i, j]), so that APIs taking a
    /// <c>Tensor&lt;double&gt;</c> also accept a <c>double[,]</c> (e.g. <c>model.Predict(new double[,] { { 1, 2 } })</c>).
    /// Equivalent to <see cref="Tensor.FromArray{T}(T[,], Device?)"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException">The array is null.</exception>
    public static implicit operator Tensor<T>(T[,] data) => Tensor.FromArray(data);
}
