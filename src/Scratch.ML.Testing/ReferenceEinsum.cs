namespace Scratch.ML.Testing;

/// <summary>
/// The slow twin of <c>Tensor.Einsum</c>: loops over every assignment of every label and accumulates
/// <c>Π operandₜ[labels of t]</c> into <c>output[output labels]</c> in double precision. Letters only (no ellipsis);
/// implicit output = letters occurring once, in ASCII order.
/// </summary>
public static class ReferenceEinsum
{
    /// <summary>Evaluates <paramref name="subscripts"/> by explicit loops; returns the values row-major and the output shape.</summary>
    public static (double[] Values, int[] Shape) Evaluate<T>(string subscripts, params Tensor<T>[] operands) where T : unmanaged, System.Numerics.INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(subscripts);
        ArgumentNullException.ThrowIfNull(operands);
        var parts = subscripts.Replace(" ", "", StringComparison.Ordinal).Split("->");
        var terms = parts[0].Split(',');
        string output = parts.Length > 1 ? parts[1]
            : new string(parts[0].Replace(",", "", StringComparison.Ordinal).GroupBy(c => c).Where(g => g.Count() == 1).Select(g => g.Key).OrderBy(c => c).ToArray());
        var letters = parts[0].Replace(",", "", StringComparison.Ordinal).Distinct().ToArray();
        var size = new Dictionary<char, int>();
        for (int t = 0; t < terms.Length; t++)
            for (int a = 0; a < terms[t].Length; a++) size[terms[t][a]] = operands[t].Shape[a];
        var outShape = output.Select(c => size[c]).ToArray();
        var result = new double[outShape.Aggregate(1, (p, n) => p * n)];
        var value = new Dictionary<char, int>();
        int total = letters.Aggregate(1, (p, c) => p * size[c]);
        for (int flat = 0; flat < total; flat++)
        {
            int f = flat;
            for (int i = letters.Length - 1; i >= 0; i--) { value[letters[i]] = f % size[letters[i]]; f /= size[letters[i]]; }
            double product = 1;
            for (int t = 0; t < terms.Length; t++)
                product *= double.CreateTruncating(operands[t][terms[t].Select(c => value[c]).ToArray()]);
            int o = 0;
            foreach (char c in output) o = o * size[c] + value[c];
            result[o] += product;
        }
        return (result, outShape);
    }
}
