using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Scratch.ML.Cpu;

/// <summary>
/// Per-thread packing buffers, allocated once on the pinned object heap and grown on demand, so a GEMM call allocates
/// nothing in steady state. Each thread packs into its own buffers; pointers are 64-byte aligned (one cache line,
/// one zmm register).
/// </summary>
internal static unsafe class GemmBuffers
{
    [ThreadStatic] private static byte[]? packA;
    [ThreadStatic] private static byte[]? packB;

    /// <summary>A buffer for at least <paramref name="elements"/> packed elements of A, valid until this thread's next call.</summary>
    /// <remarks>Holds 64 bytes of slack past the requested size: vectorised packing may store a few elements beyond the last panel.</remarks>
    public static T* A<T>(long elements) where T : unmanaged => (T*)Get(ref packA, elements * sizeof(T) + 64);

    /// <summary>A buffer for at least <paramref name="elements"/> packed elements of B, valid until this thread's next call.</summary>
    public static T* B<T>(long elements) where T : unmanaged => (T*)Get(ref packB, elements * sizeof(T));

    private static byte* Get(ref byte[]? buffer, long bytes)
    {
        if (buffer is null || buffer.Length < bytes + 64)
            buffer = GC.AllocateUninitializedArray<byte>(checked((int)(bytes + 64)), pinned: true);
        nint p = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (byte*)((p + 63) & ~(nint)63);
    }
}
