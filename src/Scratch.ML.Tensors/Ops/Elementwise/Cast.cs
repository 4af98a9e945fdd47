using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Scratch.ML.Operators;

namespace Scratch.ML;

/// <summary>
/// Element type conversion <c>y = (TTo)x</c> between float, double, int, long, byte and bool, with .NET's
/// <c>CreateTruncating</c> semantics (TensorPrimitives.ConvertTruncating on spans):
/// <list type="bullet">
/// <item>float/double → integer: rounds toward zero and <b>saturates</b> at the target's range; NaN → 0 (NumPy and
/// PyTorch leave out-of-range values undefined; here they are defined);</item>
/// <item>integer → narrower integer: keeps the low bits (two's complement wrap, like NumPy's astype: 300 → 44 as byte);</item>
/// <item>double → float: rounds to nearest even, overflowing to ±∞;</item>
/// <item>anything → bool: <c>x ≠ 0</c> (NaN → true, −0 → false); bool → number: 1 or 0.</item>
/// </list>
/// Derivative (float ↔ double, or to the same type): the cotangent cast back to the input's type. Casts to integer or
/// bool types are not differentiable: casting a tensor that requires a gradient to one (in grad mode) throws
/// NotSupportedException; detach it or cast inside <c>Autograd.NoGrad()</c>.
/// </summary>
public readonly struct CastOperator<TFrom, TTo> : IMapOperator<TFrom, TTo> where TFrom : unmanaged where TTo : unmanaged
{
    /// <inheritdoc />
    public string Name => "cast";

    /// <summary>Whether <typeparamref name="T"/> is one of the six supported element types.</summary>
    internal static bool Supported<T>() =>
        typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(int) ||
        typeof(T) == typeof(long) || typeof(T) == typeof(byte) || typeof(T) == typeof(bool);

    /// <inheritdoc />
    public TTo Invoke(TFrom x)
    {
        if (typeof(TFrom) == typeof(float)) return To(Unsafe.As<TFrom, float>(ref x));
        if (typeof(TFrom) == typeof(double)) return To(Unsafe.As<TFrom, double>(ref x));
        if (typeof(TFrom) == typeof(int)) return To(Unsafe.As<TFrom, int>(ref x));
        if (typeof(TFrom) == typeof(long)) return To(Unsafe.As<TFrom, long>(ref x));
        if (typeof(TFrom) == typeof(byte)) return To(Unsafe.As<TFrom, byte>(ref x));
        if (typeof(TFrom) == typeof(bool)) return To(Unsafe.As<TFrom, bool>(ref x) ? (byte)1 : (byte)0);
        throw Unsupported();
    }

    private static TTo To<TA>(TA a) where TA : INumberBase<TA>
    {
        if (typeof(TTo) == typeof(bool)) { bool r = a != TA.Zero; return Unsafe.As<bool, TTo>(ref r); }
        if (typeof(TTo) == typeof(float)) { float r = float.CreateTruncating(a); return Unsafe.As<float, TTo>(ref r); }
        if (typeof(TTo) == typeof(double)) { double r = double.CreateTruncating(a); return Unsafe.As<double, TTo>(ref r); }
        if (typeof(TTo) == typeof(int)) { int r = int.CreateTruncating(a); return Unsafe.As<int, TTo>(ref r); }
        if (typeof(TTo) == typeof(long)) { long r = long.CreateTruncating(a); return Unsafe.As<long, TTo>(ref r); }
        if (typeof(TTo) == typeof(byte)) { byte r = byte.CreateTruncating(a); return Unsafe.As<byte, TTo>(ref r); }
        throw Unsupported();
    }

    /// <inheritdoc />
    public void Invoke(ReadOnlySpan<TFrom> x, Span<TTo> y)
    {
        if (typeof(TFrom) == typeof(float)) To(MemoryMarshal.Cast<TFrom, float>(x), y);
        else if (typeof(TFrom) == typeof(double)) To(MemoryMarshal.Cast<TFrom, double>(x), y);
        else if (typeof(TFrom) == typeof(int)) To(MemoryMarshal.Cast<TFrom, int>(x), y);
        else if (typeof(TFrom) == typeof(long)) To(MemoryMarshal.Cast<TFrom, long>(x), y);
        else if (typeof(TFrom) == typeof(byte) || typeof(TFrom) == typeof(bool)) To(MemoryMarshal.Cast<TFrom, byte>(x), y); // bools are bytes 0/1
        else throw Unsupported();
    }

    private static void To<TA>(ReadOnlySpan<TA> x, Span<TTo> y) where TA : unmanaged, INumberBase<TA>
    {
        if (typeof(TTo) == typeof(bool))
        {
            var yb = MemoryMarshal.Cast<TTo, bool>(y);
            for (int i = 0; i < x.Length; i++) yb[i] = x[i] != TA.Zero;
        }
        else if (typeof(TTo) == typeof(float)) TensorPrimitives.ConvertTruncating(x, MemoryMarshal.Cast<TTo, float>(y));
        else if (typeof(TTo) == typeof(double)) TensorPrimitives.ConvertTruncating(x, MemoryMarshal.Cast<TTo, double>(y));
        else if (typeof(TTo) == typeof(int)) TensorPrimitives.ConvertTruncating(x, MemoryMarshal.Cast<TTo, int>(y));
        else if (typeof(TTo) == typeof(long)) TensorPrimitives.ConvertTruncating(x, MemoryMarshal.Cast<TTo, long>(y));
        else if (typeof(TTo) == typeof(byte)) TensorPrimitives.ConvertTruncating(x, MemoryMarshal.Cast<TTo, byte>(y));
        else throw Unsupported();
    }

    internal static NotSupportedException Unsupported() =>
        new($"cast: conversion from {typeof(TFrom).Name} to {typeof(TTo).Name} is not supported; the element types are float, double, int, long, byte and bool.");
}

public static partial class Tensor
{
    // One non-generic extension block per source type, so that callers write x.Cast<double>() with one type argument
    // (a generic block would make it x.Cast<float, double>()).
    extension(Tensor<float> x)
    {
        /// <summary>
        /// Converts every element to <typeparamref name="TTo"/> into a new tensor (see <see cref="CastOperator{TFrom, TTo}"/>
        /// for the rounding, saturation and bool rules). Casting to the same type returns a copy.
        /// </summary>
        /// <exception cref="NotSupportedException"><typeparamref name="TTo"/> is not float, double, int, long, byte or bool,
        /// or it is not float/double while x requires a gradient in grad mode (integer casts are not differentiable).</exception>
        public Tensor<TTo> Cast<TTo>() where TTo : unmanaged => CastTo<float, TTo>(x);
    }

    extension(Tensor<double> x)
    {
        /// <summary>
        /// Converts every element to <typeparamref name="TTo"/> into a new tensor (see <see cref="CastOperator{TFrom, TTo}"/>
        /// for the rounding, saturation and bool rules). Casting to the same type returns a copy.
        /// </summary>
        /// <exception cref="NotSupportedException"><typeparamref name="TTo"/> is not float, double, int, long, byte or bool,
        /// or it is not float/double while x requires a gradient in grad mode (integer casts are not differentiable).</exception>
        public Tensor<TTo> Cast<TTo>() where TTo : unmanaged => CastTo<double, TTo>(x);
    }

    extension(Tensor<int> x)
    {
        /// <summary>
        /// Converts every element to <typeparamref name="TTo"/> into a new tensor (see <see cref="CastOperator{TFrom, TTo}"/>
        /// for the rounding, saturation and bool rules). Casting to the same type returns a copy.
        /// </summary>
        /// <exception cref="NotSupportedException"><typeparamref name="TTo"/> is not float, double, int, long, byte or bool.</exception>
        public Tensor<TTo> Cast<TTo>() where TTo : unmanaged => CastTo<int, TTo>(x);
    }

    extension(Tensor<long> x)
    {
        /// <summary>
        /// Converts every element to <typeparamref name="TTo"/> into a new tensor (see <see cref="CastOperator{TFrom, TTo}"/>
        /// for the rounding, saturation and bool rules). Casting to the same type returns a copy.
        /// </summary>
        /// <exception cref="NotSupportedException"><typeparamref name="TTo"/> is not float, double, int, long, byte or bool.</exception>
        public Tensor<TTo> Cast<TTo>() where TTo : unmanaged => CastTo<long, TTo>(x);
    }

    extension(Tensor<byte> x)
    {
        /// <summary>
        /// Converts every element to <typeparamref name="TTo"/> into a new tensor (see <see cref="CastOperator{TFrom, TTo}"/>
        /// for the rounding, saturation and bool rules). Casting to the same type returns a copy.
        /// </summary>
        /// <exception cref="NotSupportedException"><typeparamref name="TTo"/> is not float, double, int, long, byte or bool.</exception>
        public Tensor<TTo> Cast<TTo>() where TTo : unmanaged => CastTo<byte, TTo>(x);
    }

    extension(Tensor<bool> x)
    {
        /// <summary>
        /// Converts every element to <typeparamref name="TTo"/> into a new tensor (see <see cref="CastOperator{TFrom, TTo}"/>
        /// for the rounding, saturation and bool rules). Casting to the same type returns a copy.
        /// </summary>
        /// <exception cref="NotSupportedException"><typeparamref name="TTo"/> is not float, double, int, long, byte or bool.</exception>
        public Tensor<TTo> Cast<TTo>() where TTo : unmanaged => CastTo<bool, TTo>(x);
    }

    internal static Tensor<TTo> CastTo<TFrom, TTo>(Tensor<TFrom> x) where TFrom : unmanaged where TTo : unmanaged
    {
        if (!CastOperator<TFrom, TTo>.Supported<TTo>()) throw CastOperator<TFrom, TTo>.Unsupported();
        bool record = Autograd.IsRecording(x);
        if (record && !IsFloat<TTo>())
            Autograd.NotDifferentiable($"cast from {typeof(TFrom).Name} to {typeof(TTo).Name}", x);
        var y = ElementwiseMap.Map<TFrom, TTo, CastOperator<TFrom, TTo>>(x, default);
        // Only float and double tensors can require a gradient, so a recording cast goes float ↔ double (or to itself).
        if (record) y.SetGradFn(new CastNode<TTo, TFrom>(x.GradEdge!));
        return y;
    }

    private static bool IsFloat<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);
}

/// <summary>
/// The backward node of a float ↔ double cast (<c>CastBackward</c>): the gradient, of the output's element type
/// <typeparamref name="TOut"/>, is cast back to the input's type <typeparamref name="TIn"/>. It saves no tensors, and
/// the cast back is itself recorded when building a graph of the gradient, so second derivatives pass through.
/// </summary>
internal sealed class CastNode<TOut, TIn>(GradNode input) : GradNode where TOut : unmanaged where TIn : unmanaged
{
    private readonly GradNode?[] next = [input];

    public override string Name => "CastBackward";

    internal override GradNode?[] Next => next;

    internal override object?[] Apply(object gradOutput, bool createGraph)
    {
        var g = (Tensor<TOut>)gradOutput;
        // Recording of the cast back follows the engine's grad mode (on only with createGraph).
        return [Tensor.CastTo<TOut, TIn>(g)];
    }

    internal override object Add(object a, object b) => GradMath.Add((Tensor<TOut>)a, (Tensor<TOut>)b);

    internal override void Release() { }
}
