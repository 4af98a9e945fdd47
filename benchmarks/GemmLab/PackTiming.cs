using System.Diagnostics;
using Scratch.ML.Cpu;

namespace GemmLab;

/// <summary>Times the packing routines alone (elements per nanosecond), to see what share of a product they cost.</summary>
internal static unsafe class PackTiming
{
    public static void Run()
    {
        const int m = 1024, k = 256, n = 1024;
        float* pa = (float*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)(m * 1024 * 4), 64);
        float* pb = (float*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)(k * n * 4), 64);
        float* pd = (float*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc((nuint)(m * k * 4 + 256), 64);
        new Span<float>(pa, m * 1024).Fill(1f);
        new Span<float>(pb, k * n).Fill(1f);
        {
            Report("PackA row-major 1024x256 (6-row panels)", m * k, () => GemmPacking.PackA(m, k, 6, pa, 1024, 1, pd));
            Report("PackA col-major 1024x256", m * k, () => GemmPacking.PackA(m, k, 6, pa, 1, 1024, pd));
            Report("PackB row-major 256x1024 (32-col panels)", k * n, () => GemmPacking.PackB(k, n, 32, pb, n, 1, pd));
            Report("PackB col-major 256x1024", k * n, () => GemmPacking.PackB(k, n, 32, pb, 1, 256, pd));
        }
    }

    private static void Report(string name, int elements, Action pack)
    {
        pack();
        double best = double.MaxValue;
        for (int r = 0; r < 200; r++)
        {
            long t0 = Stopwatch.GetTimestamp();
            pack();
            best = Math.Min(best, Stopwatch.GetElapsedTime(t0).TotalSeconds);
        }
        Console.WriteLine($"{name,-45} {best * 1e6,8:F1} us  {elements / best / 1e9,6:F2} elements/ns");
    }
}
