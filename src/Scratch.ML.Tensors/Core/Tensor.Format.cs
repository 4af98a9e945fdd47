using System.Globalization;
using System.Text;

namespace Scratch.ML;

public sealed partial class Tensor<T> where T : unmanaged
{
    /// <summary>Axes longer than this print their first and last <see cref="EdgeItems"/> entries with "..." between.</summary>
    private const int SummaryThreshold = 1000, EdgeItems = 3;

    /// <summary>
    /// A NumPy-like rendering: nested brackets, aligned columns, and a trailer with shape, dtype and device, e.g.
    /// <c>tensor([[1, 2], [3, 4]], shape=(2, 2), dtype=float32)</c>. Large tensors are summarised.
    /// </summary>
    public override string ToString()
    {
        if (storage is not CpuStorage<T>)
            return $"tensor(<on {Device}>, shape={Shapes.Format(shape)}, dtype={DTypes.Name(DType)}, device={Device})";
        bool summarise = length > SummaryThreshold;
        var cells = new List<string>();
        Collect(0, offset, summarise, cells);
        int width = cells.Count == 0 ? 0 : cells.Max(c => c.Length);
        var sb = new StringBuilder("tensor(");
        int k = 0;
        Render(sb, 0, offset, summarise, width, cells, ref k, "tensor(".Length);
        sb.Append(", shape=").Append(Shapes.Format(shape)).Append(", dtype=").Append(DTypes.Name(DType));
        if (Device.Kind != DeviceKind.Cpu) sb.Append(", device=").Append(Device);
        return sb.Append(')').ToString();
    }

    private static string FormatElement(T v) => v switch
    {
        float f => f.ToString("G6", CultureInfo.InvariantCulture),
        double d => d.ToString("G8", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable fm => fm.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private IEnumerable<int> Positions(int axis, bool summarise)
    {
        int n = shape[axis];
        if (!summarise || n <= 2 * EdgeItems)
        {
            for (int i = 0; i < n; i++) yield return i;
            yield break;
        }
        for (int i = 0; i < EdgeItems; i++) yield return i;
        yield return -1; // the "..." marker
        for (int i = n - EdgeItems; i < n; i++) yield return i;
    }

    private void Collect(int axis, int off, bool summarise, List<string> cells)
    {
        var data = ((CpuStorage<T>)storage).Array;
        if (axis == Rank) { cells.Add(FormatElement(data[off])); return; }
        foreach (int i in Positions(axis, summarise))
            if (i >= 0) Collect(axis + 1, off + i * strides[axis], summarise, cells);
    }

    private void Render(StringBuilder sb, int axis, int off, bool summarise, int width, List<string> cells, ref int k, int indent)
    {
        if (axis == Rank) { sb.Append(cells[k++].PadLeft(width)); return; }
        sb.Append('[');
        bool first = true;
        foreach (int i in Positions(axis, summarise))
        {
            if (!first)
            {
                sb.Append(',');
                if (axis == Rank - 1) sb.Append(' ');
                else sb.Append('\n', Rank - 1 - axis).Append(' ', indent + axis + 1);
            }
            first = false;
            if (i < 0) { sb.Append("..."); continue; }
            Render(sb, axis + 1, off + i * strides[axis], summarise, width, cells, ref k, indent);
        }
        sb.Append(']');
    }
}
