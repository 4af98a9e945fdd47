using System.Numerics;
using Scratch.ML.Cpu;
using Scratch.ML.Operators;
using Scratch.ML.Rng;
using Scratch.ML.Testing;
using Xunit;

namespace Scratch.ML.Tests.Core;

/// <summary>
/// Proves the device seam with a second backend written outside the library, as an OpenCL or CUDA package would be:
/// its storage is not host memory the library knows, it implements a few primitives (by running the CPU kernels on
/// its private arrays, standing in for device kernels) and throws for the rest. The public ops are called exactly as
/// on the CPU; nothing in the library was changed to make this work.
/// </summary>
public class DeviceSeamTests
{
    /// <summary>Device memory stand-in: the library cannot see inside it (it is not a <see cref="CpuStorage{T}"/>).</summary>
    private sealed class FakeStorage<T>(Device device, T[] data) : TensorStorage<T>(device, data.Length) where T : unmanaged
    {
        public T[] Data { get; } = data;
    }

    private sealed class FakeBackend : ITensorBackend
    {
        public readonly List<string> Calls = [];
        private Device? device;

        public Device Device => device ?? throw new InvalidOperationException("device not attached");

        public void Attach(Device d) => device = d;

        // A "kernel launch": view the private arrays as CPU tensors with the same layout and run the CPU kernel.
        private static Tensor<T> Host<T>(Tensor<T> t) where T : unmanaged
            => new(new CpuStorage<T>(((FakeStorage<T>)t.Storage).Data), t.Shape, t.Strides, t.Offset);

        public TensorStorage<T> Allocate<T>(int length) where T : unmanaged => new FakeStorage<T>(Device, new T[length]);
        public TensorStorage<T> Upload<T>(ReadOnlySpan<T> data) where T : unmanaged { Calls.Add("upload"); return new FakeStorage<T>(Device, data.ToArray()); }
        public void Download<T>(Tensor<T> source, Span<T> destination) where T : unmanaged { Calls.Add("download"); Host(source).CopyTo(destination); }
        public void Copy<T>(Tensor<T> source, Tensor<T> destination) where T : unmanaged { Calls.Add("copy"); CpuBackend.Instance.Copy(Host(source), Host(destination)); }
        public void Fill<T>(Tensor<T> destination, T value) where T : unmanaged { Calls.Add("fill"); CpuBackend.Instance.Fill(Host(destination), value); }

        public void Unary<T, TOp>(Tensor<T> x, Tensor<T> y) where T : unmanaged where TOp : struct, IUnaryOperator<TOp, T>
        {
            Calls.Add($"{TOp.Name}_{DTypes.Name(DTypes.Of<T>())}");
            CpuBackend.Instance.Unary<T, TOp>(Host(x), Host(y));
        }

        public void Binary<T, TOp>(Tensor<T> a, Tensor<T> b, Tensor<T> y) where T : unmanaged where TOp : struct, IBinaryOperator<TOp, T>
        {
            Calls.Add($"{TOp.Name}_{DTypes.Name(DTypes.Of<T>())}");
            CpuBackend.Instance.Binary<T, TOp>(Host(a), Host(b), Host(y));
        }

        public void MatMul<T>(Tensor<T> a, Tensor<T> b, Tensor<T> c, T alpha, T beta) where T : unmanaged, IFloatingPointIeee754<T>
        {
            Calls.Add("matmul");
            CpuBackend.Instance.MatMul(Host(a), Host(b), Host(c), alpha, beta);
        }

        private NotSupportedException Missing(string op) => new($"{op} has no kernel on device {Device}.");

        public void Map<TIn, TOut, TOp>(Tensor<TIn> x, Tensor<TOut> y, TOp op) where TIn : unmanaged where TOut : unmanaged where TOp : struct, IMapOperator<TIn, TOut> => throw Missing("Map");
        public void Zip<TIn, TOut, TOp>(Tensor<TIn> a, Tensor<TIn> b, Tensor<TOut> y, TOp op) where TIn : unmanaged where TOut : unmanaged where TOp : struct, IZipOperator<TIn, TOut> => throw Missing("Zip");
        public void Where<T>(Tensor<bool> condition, Tensor<T> a, Tensor<T> b, Tensor<T> y) where T : unmanaged => throw Missing("Where");
        public void RandomFill<T>(Tensor<T> destination, PhiloxFill fill) where T : unmanaged => throw Missing("RandomFill");
        public void Reduce<T, TOp>(Tensor<T> x, int[] axes, Tensor<T> y) where T : unmanaged where TOp : struct, IReduceOperator<TOp, T> => throw Missing("Reduce");
        public void ReduceRows<T, TOp>(Tensor<T> x, int[] axes, Tensor<T> y, TOp op) where T : unmanaged where TOp : struct, IRowReduceOperator<T> => throw Missing("ReduceRows");
        public void ArgReduce<T>(Tensor<T> x, int[] axes, Tensor<long> y, bool max) where T : unmanaged, INumber<T> => throw Missing("ArgReduce");
        public void CountNonzero<T>(Tensor<T> x, int[] axes, Tensor<long> y) where T : unmanaged, INumberBase<T> => throw Missing("CountNonzero");
        public void TransformRows<T, TOp>(Tensor<T> x, int axis, Tensor<T> y, TOp op) where T : unmanaged where TOp : struct, IRowTransformOperator<T> => throw Missing("TransformRows");
        public void Sort<T>(Tensor<T> x, int axis, bool descending, Tensor<T>? values, Tensor<long>? indices) where T : unmanaged, INumber<T> => throw Missing("Sort");
    }

    private static (Device Device, FakeBackend Backend) NewDevice()
    {
        var backend = new FakeBackend();
        var device = new Device(DeviceKind.OpenCL, 0, "fake:0", backend);
        backend.Attach(device);
        return (device, backend);
    }

    private static Tensor<double> Sample() => Tensor.FromArray(new double[,] { { 0.5, -1, 2 }, { 3, 0.25, -0.75 } });

    [Fact]
    public void OpsDispatchToTheTensorsDeviceAndGiveTheCpuResult()
    {
        var (device, backend) = NewDevice();
        var cpu = Sample();
        var x = cpu.To(device);
        Assert.Same(device, x.Device);

        var y = (x + x.MT.MT).Exp();          // views work on the device too
        var z = x.MatMul(x.MT);                 // (2, 3) @ (3, 2)

        Assert.Same(device, y.Device);
        Assert.Same(device, z.Device);
        Assert.Equal(["upload", "add_float64", "exp_float64", "matmul"], backend.Calls);
        TensorAssert.Close((cpu + cpu).Exp(), y.To(Device.Cpu), Tolerance.Exact);
        TensorAssert.Close(cpu.MatMul(cpu.MT), z.To(Device.Cpu), Tolerance.Exact);
    }

    [Fact]
    public void MixingDevicesIsAClearError()
    {
        var (device, _) = NewDevice();
        var ex = Assert.Throws<ArgumentException>(() => Sample().To(device) + Sample());
        Assert.Contains("fake:0", ex.Message);
        Assert.Contains("cpu", ex.Message);
    }

    [Fact]
    public void HostAccessOnADeviceTensorAsksForAnExplicitMove()
    {
        var (device, _) = NewDevice();
        var x = Sample().To(device);
        var ex = Assert.Throws<InvalidOperationException>(() => x[0, 0]);
        Assert.Contains("fake:0", ex.Message);
        Assert.Contains("To(Device.Cpu)", ex.Message);
        Assert.Contains("<on fake:0>", x.ToString());
    }

    [Fact]
    public void AMissingKernelNamesTheOpAndTheDevice()
    {
        var (device, _) = NewDevice();
        var x = Sample().To(device);
        var ex = Assert.Throws<NotSupportedException>(() => x.Sum());
        Assert.Contains("Reduce", ex.Message);
        Assert.Contains("fake:0", ex.Message);
        var gather = Assert.Throws<NotSupportedException>(() => x.Gather(1, Tensor.Zeros<long>(2, 1).To(device)));
        Assert.Contains("fake:0", gather.Message);
    }
}
