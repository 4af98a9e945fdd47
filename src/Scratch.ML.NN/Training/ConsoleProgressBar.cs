using System.Globalization;
using System.Text;

namespace Scratch.ML.NN.Training;

/// <summary>
/// An <see cref="IProgress{T}"/> of <see cref="TrainingProgress"/> for console samples: redraws one line
/// (<c>epoch 3/20 [#######.....] 42/80 loss 0.1234 0:00:12</c>) with a carriage return while an epoch runs, and prints
/// one permanent line with the metrics at each epoch end. When output is redirected (a file, CI logs) it prints only
/// the epoch-end lines, so logs stay readable.
/// </summary>
/// <remarks>Reports are handled synchronously on the reporting thread (unlike <see cref="Progress{T}"/>, which posts
/// to a synchronisation context), so lines never interleave out of order.</remarks>
public sealed class ConsoleProgressBar : IProgress<TrainingProgress>
{
    private readonly TextWriter output;
    private readonly int width;
    private int lastLength;
    private long lastDrawTicks;

    /// <summary>Creates the bar.</summary>
    /// <param name="output">Where to write (default <see cref="Console.Out"/>).</param>
    /// <param name="interactive">Whether to redraw in place (default: true unless console output is redirected).</param>
    /// <param name="width">Bar width in characters (≥ 5).</param>
    /// <exception cref="ArgumentOutOfRangeException">width &lt; 5.</exception>
    public ConsoleProgressBar(TextWriter? output = null, bool? interactive = null, int width = 30)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 5);
        this.output = output ?? Console.Out;
        Interactive = interactive ?? !Console.IsOutputRedirected;
        this.width = width;
    }

    /// <summary>Whether the in-epoch line is redrawn in place.</summary>
    public bool Interactive { get; }

    /// <inheritdoc />
    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.EpochEnd)
        {
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture, $"epoch {value.Epoch}/{value.Epochs}");
            foreach (var (k, v) in value.Metrics) sb.Append(CultureInfo.InvariantCulture, $"  {k} {v:G6}");
            sb.Append("  ").Append(Format(value.Elapsed));
            if (Interactive) Clear();
            output.WriteLine(sb.ToString());
            output.Flush();
            return;
        }
        if (!Interactive) return;
        long now = Environment.TickCount64;
        bool last = value.BatchesPerEpoch is { } total && value.Batch == total;
        if (!last && now - lastDrawTicks < 100 && lastLength > 0) return; // at most ~10 redraws a second
        lastDrawTicks = now;
        output.Write('\r');
        var line = Line(value);
        output.Write(line);
        if (line.Length < lastLength) output.Write(new string(' ', lastLength - line.Length));
        lastLength = line.Length;
        output.Flush();
    }

    /// <summary>The in-epoch status line (without carriage return).</summary>
    internal string Line(TrainingProgress p)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs} ");
        if (p.BatchesPerEpoch is { } total && total > 0)
        {
            int filled = (int)Math.Round((double)width * Math.Min(p.Batch, total) / total);
            sb.Append('[').Append('#', filled).Append('.', width - filled).Append(']');
            sb.Append(CultureInfo.InvariantCulture, $" {p.Batch}/{total}");
        }
        else sb.Append(CultureInfo.InvariantCulture, $"batch {p.Batch}");
        sb.Append(CultureInfo.InvariantCulture, $" loss {p.Loss:G6} {Format(p.Elapsed)}");
        return sb.ToString();
    }

    private void Clear()
    {
        if (lastLength == 0) return;
        output.Write('\r');
        output.Write(new string(' ', lastLength));
        output.Write('\r');
        lastLength = 0;
    }

    private static string Format(TimeSpan t) => t.ToString(t.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
}
