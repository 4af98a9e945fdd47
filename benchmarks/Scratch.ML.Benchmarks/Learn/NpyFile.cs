using System.Globalization;
using System.Text;

namespace Scratch.ML.Benchmarks.Learn;

/// <summary>
/// Writes float64/int64 arrays as NumPy <c>.npy</c> files (format 1.0, little-endian, C order) so the Python peer
/// fits exactly the rows we fit. Files live in <see cref="Directory"/> and are rewritten on every run.
/// </summary>
internal static class NpyFile
{
    public static string Directory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "scratchml-peers")).FullName;

    public static string Write(string name, ReadOnlySpan<double> data, params int[] shape) =>
        Write(name, "<f8", System.Runtime.InteropServices.MemoryMarshal.AsBytes(data), shape);

    public static string Write(string name, ReadOnlySpan<long> data, params int[] shape) =>
        Write(name, "<i8", System.Runtime.InteropServices.MemoryMarshal.AsBytes(data), shape);

    private static string Write(string name, string descr, ReadOnlySpan<byte> bytes, int[] shape)
    {
        string dims = shape.Length == 1 ? $"{shape[0]}," : string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        string header = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({dims}), }}";
        int total = 10 + header.Length + 1;
        header += new string(' ', (64 - total % 64) % 64) + "\n";
        var path = Path.Combine(Directory, name + ".npy");
        using var f = File.Create(path);
        f.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        var h = Encoding.ASCII.GetBytes(header);
        f.Write(BitConverter.GetBytes((ushort)h.Length));
        f.Write(h);
        f.Write(bytes);
        return path;
    }
}
