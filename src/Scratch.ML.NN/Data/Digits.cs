namespace Scratch.ML.NN.Data;

/// <summary>
/// Loads <c>samples/data/digits.csv</c>: the 1,797 8×8 handwritten-digit images of the UCI Optical Recognition of
/// Handwritten Digits data as shipped in scikit-learn (<c>load_digits</c>), exported by
/// <c>tests/reference/export_digits.py</c>; see <c>samples/data/DIGITS-LICENSE.md</c> for source and licence.
/// </summary>
public static class Digits
{
    /// <summary>Pixels per image (8 × 8).</summary>
    public const int Features = 64;

    /// <summary>Rows in the scikit-learn copy.</summary>
    public const int Rows = 1797;

    /// <summary>
    /// Reads the CSV (header <c>p0,…,p63,label</c>) and validates every row: 65 fields, pixels integers in [0, 16],
    /// labels integers in [0, 9].
    /// </summary>
    /// <returns>features: (N, 64) float with values 0–16 (divide by 16 to scale to [0, 1]); labels: (N) int.</returns>
    /// <exception cref="FormatException">The header or a row is malformed; the message gives line and column.</exception>
    public static (Tensor<float> Features, Tensor<int> Labels) Load(string path)
    {
        var (columns, values) = NumericCsv.Load(path);
        if (columns.Length != Features + 1 || columns[^1] != "label")
            throw new FormatException($"{path}: expected {Features} pixel columns and a final \"label\" column, got {columns.Length} columns ending in \"{columns[^1]}\".");
        int n = values.Shape[0];
        var v = values.ToArray();
        var x = new float[n * Features];
        var y = new int[n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < Features; j++)
            {
                double p = v[i * (Features + 1) + j];
                if (p != Math.Floor(p) || p < 0 || p > 16)
                    throw new FormatException($"{path}: line {i + 2}, column \"{columns[j]}\": pixel {p} is not an integer in [0, 16].");
                x[i * Features + j] = (float)p;
            }
            double label = v[i * (Features + 1) + Features];
            if (label != Math.Floor(label) || label < 0 || label > 9)
                throw new FormatException($"{path}: line {i + 2}: label {label} is not an integer in [0, 9].");
            y[i] = (int)label;
        }
        return (Tensor.FromArray(x, n, Features), Tensor.FromArray(y, n));
    }
}
