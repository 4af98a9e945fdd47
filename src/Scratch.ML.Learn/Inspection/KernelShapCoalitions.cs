using Scratch.ML.Rng;

namespace Scratch.ML.Learn.Inspection;

/// <summary>
/// The coalitions KernelSHAP evaluates and their regression weights (the sampling of the <c>shap</c> package's
/// <c>KernelExplainer</c>): whole subset sizes are enumerated, smallest (paired with their complements) first, while
/// the budget covers them at their Shapley-kernel weight; the remaining budget is drawn at random — a size from the
/// kernel's size distribution, a uniform subset of that size, and its complement — and those samples share the
/// kernel weight left over. With a budget ≥ 2^M − 2 every coalition is enumerated with its exact kernel weight.
/// </summary>
internal static class KernelShapCoalitions
{
    /// <summary>Masks (count, m) row-major and their weights (count).</summary>
    public static (bool[] Masks, double[] Weights, int Count) Build(int m, int budget, Generator gen)
    {
        var masks = new List<bool[]>();
        var weights = new List<double>();
        var index = new Dictionary<string, int>();
        void Add(bool[] mask, double w, bool merge)
        {
            var key = new string(Array.ConvertAll(mask, b => b ? '1' : '0'));
            if (merge && index.TryGetValue(key, out int at)) { weights[at] += w; return; }
            index[key] = masks.Count;
            masks.Add(mask);
            weights.Add(w);
        }
        int sizes = (m - 1 + 1) / 2, paired = (m - 1) / 2; // ⌈(m−1)/2⌉ sizes, the first ⌊(m−1)/2⌋ paired with m − s
        var kernel = new double[sizes];
        for (int s = 1; s <= sizes; s++) kernel[s - 1] = (m - 1.0) / (s * (double)(m - s)) * (s <= paired ? 2 : 1);
        Normalize(kernel);
        var remaining = (double[])kernel.Clone();
        int left = budget, full = 0;
        for (int s = 1; s <= sizes; s++)
        {
            double nsub = Binomial(m, s) * (s <= paired ? 2 : 1);
            if (!(left * remaining[s - 1] / nsub >= 1.0 - 1e-8)) break;
            full++;
            left -= (int)nsub;
            if (remaining[s - 1] < 1.0)
            {
                double r = 1 - remaining[s - 1];
                for (int k = 0; k < sizes; k++) remaining[k] /= r;
            }
            double w = kernel[s - 1] / Binomial(m, s) / (s <= paired ? 2 : 1);
            foreach (var subset in Combinations(m, s))
            {
                Add(subset, w, merge: false);
                if (s <= paired) Add(Array.ConvertAll(subset, b => !b), w, merge: false);
            }
        }
        int fixedCount = masks.Count;
        if (full < sizes && left > 0)
        {
            var p = new double[sizes - full];
            for (int k = full; k < sizes; k++) p[k - full] = kernel[k] / (k + 1 <= paired ? 2 : 1);
            Normalize(p);
            int attempts = 4 * left;
            while (left > 0 && attempts-- > 0)
            {
                double u = gen.NextDouble(), c = 0;
                int pick = p.Length - 1;
                for (int k = 0; k < p.Length; k++) { c += p[k]; if (u < c) { pick = k; break; } }
                int s = pick + full + 1;
                var perm = gen.Permutation(m);
                var mask = new bool[m];
                for (int k = 0; k < s; k++) mask[perm[k]] = true;
                int before = masks.Count;
                Add(mask, 1.0, merge: true);
                if (masks.Count > before) left--;
                if (left > 0 && s <= paired)
                {
                    before = masks.Count;
                    Add(Array.ConvertAll(mask, b => !b), 1.0, merge: true);
                    if (masks.Count > before) left--;
                }
            }
            double weightLeft = 0;
            for (int k = full; k < sizes; k++) weightLeft += kernel[k];
            double sampled = 0;
            for (int k = fixedCount; k < weights.Count; k++) sampled += weights[k];
            for (int k = fixedCount; k < weights.Count; k++) weights[k] *= weightLeft / sampled;
        }
        var flat = new bool[masks.Count * m];
        for (int k = 0; k < masks.Count; k++) Array.Copy(masks[k], 0, flat, k * m, m);
        return (flat, [.. weights], masks.Count);
    }

    /// <summary>C(n, k) as a double.</summary>
    public static double Binomial(int n, int k)
    {
        double r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return Math.Round(r);
    }

    private static void Normalize(double[] v)
    {
        double s = 0;
        foreach (var x in v) s += x;
        for (int i = 0; i < v.Length; i++) v[i] /= s;
    }

    /// <summary>All k-subsets of {0 … n−1} as masks, in lexicographic order.</summary>
    private static IEnumerable<bool[]> Combinations(int n, int k)
    {
        var idx = new int[k];
        for (int i = 0; i < k; i++) idx[i] = i;
        while (true)
        {
            var mask = new bool[n];
            foreach (int i in idx) mask[i] = true;
            yield return mask;
            int j = k - 1;
            while (j >= 0 && idx[j] == n - k + j) j--;
            if (j < 0) yield break;
            idx[j]++;
            for (int i = j + 1; i < k; i++) idx[i] = idx[i - 1] + 1;
        }
    }
}
