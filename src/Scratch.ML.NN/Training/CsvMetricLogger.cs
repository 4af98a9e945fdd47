using System.Globalization;

namespace Scratch.ML.NN.Training;

/// <summary>
/// Appends one CSV row per epoch: <c>epoch,elapsed_s,&lt;metric…&gt;</c>, numbers in the invariant culture with
/// round-trip precision. The columns are fixed by the first epoch's metrics; each row is flushed immediately so the
/// file can be plotted while training runs.
/// </summary>
public sealed class CsvMetricLogger : ITrainingCallback, IDisposable
{
    private readonly TextWriter writer;
    private readonly bool ownsWriter;
    private string[]? columns;

    /// <summary>Logs to a new file at <paramref name="path"/> (overwritten).</summary>
    public CsvMetricLogger(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        writer = new StreamWriter(path, append: false);
        ownsWriter = true;
    }

    /// <summary>Logs to <paramref name="writer"/> (not disposed by this logger).</summary>
    public CsvMetricLogger(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        this.writer = writer;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">An epoch has a metric that was not in the first epoch's columns.</exception>
    public bool OnEpochEnd(EpochResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (columns is null)
        {
            columns = result.Metrics.Keys.ToArray();
            foreach (var c in columns)
                if (c.Contains(',') || c.Contains('"') || c.Contains('\n'))
                    throw new InvalidOperationException($"CsvMetricLogger: metric name \"{c}\" contains a CSV separator or quote.");
            writer.WriteLine(string.Join(",", new[] { "epoch", "elapsed_s" }.Concat(columns)));
        }
        foreach (var k in result.Metrics.Keys)
            if (Array.IndexOf(columns, k) < 0)
                throw new InvalidOperationException($"CsvMetricLogger: epoch {result.Epoch} has metric \"{k}\", which is not one of the columns fixed by the first epoch ({string.Join(", ", columns)}).");
        var cells = new string[columns.Length + 2];
        cells[0] = result.Epoch.ToString(CultureInfo.InvariantCulture);
        cells[1] = result.Elapsed.TotalSeconds.ToString("R", CultureInfo.InvariantCulture);
        for (int i = 0; i < columns.Length; i++)
            cells[i + 2] = result.Metrics.TryGetValue(columns[i], out double v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
        writer.WriteLine(string.Join(",", cells));
        writer.Flush();
        return false;
    }

    /// <inheritdoc />
    public void OnTrainingEnd(TrainingHistory history) => writer.Flush();

    /// <summary>Closes the file when this logger opened it.</summary>
    public void Dispose()
    {
        if (ownsWriter) writer.Dispose();
    }
}
