namespace Scratch.ML.Learn.Ensemble;

/// <summary>The best split of a node found from its histograms (scikit-learn's <c>split_info_struct</c>).</summary>
internal struct HistSplit
{
    public double Gain;
    public int Feature;
    public int Bin;
    public bool MissingGoesLeft;
    public double GradientLeft, GradientRight, HessianLeft, HessianRight;
    public int CountLeft, CountRight;
    public double ValueLeft, ValueRight;
    public bool IsCategorical;

    /// <summary>256-bit set of the BINS sent left by a categorical split (missing-value bin included when NaN goes left).</summary>
    public uint[]? LeftBins;
}

/// <summary>
/// Split finding on histograms, scikit-learn 1.2's <c>Splitter</c>: for each feature scan the bins left to right
/// (missing values go right) and, when the feature has missing values, right to left (missing values go left);
/// categorical features sort their categories by g/(h + 10) and scan both ends up to the middle.
/// </summary>
/// <remarks>
/// Node value v = −G / (H + λ + 1e−15), clipped to the monotonic bounds; a node's "loss" is G·v, and the gain of a
/// split is loss(parent) − loss(left) − loss(right) with every value bounded (XGBoost's eqs. 5–7 up to the constant ½).
/// A candidate is kept when both children hold ≥ minSamplesLeaf samples and ≥ minHessian hessian, the children
/// respect a monotonic constraint of the feature, and its gain beats the best so far and 0.
/// </remarks>
internal sealed class HistSplitter(int[] binsNonMissing, bool[] hasMissing, bool[] isCategorical, sbyte[] monotonic, int missingBin,
    double l2, double minHessian, int minSamplesLeaf, bool hessiansConstant)
{
    /// <summary>Smoothing and minimum support of categories (LightGBM's cat_smooth, fixed in scikit-learn).</summary>
    private const double MinCatSupport = 10.0;

    /// <summary>scikit-learn's compute_node_value: −G / (H + λ + 1e−15), clipped to [lower, upper].</summary>
    public static double NodeValue(double g, double h, double lower, double upper, double l2)
    {
        double v = -g / (h + l2 + 1e-15);
        if (v < lower) v = lower;
        else if (v > upper) v = upper;
        return v;
    }

    /// <summary>The best split over <paramref name="features"/> (null = all, in order); Gain = −1 when none is valid.</summary>
    public HistSplit Find(HistBin[] hist, int stride, int count, double sumG, double sumH, double value, double lower, double upper, int[]? features)
    {
        int nf = features?.Length ?? binsNonMissing.Length;
        var perFeature = new HistSplit[nf];
        for (int k = 0; k < nf; k++) perFeature[k] = FindFeature(hist, stride, features?[k] ?? k, count, sumG, sumH, value, lower, upper);
        return Best(perFeature);
    }

    /// <summary>The best split on feature <paramref name="f"/> alone (Gain = −1 when none is valid).</summary>
    public HistSplit FindFeature(HistBin[] hist, int stride, int f, int count, double sumG, double sumH, double value, double lower, double upper)
    {
        var s = new HistSplit { Gain = -1, Feature = f, IsCategorical = isCategorical[f] };
        var h = hist.AsSpan(f * stride, stride);
        if (isCategorical[f]) Categorical(ref s, h, count, sumG, sumH, value, lower, upper);
        else
        {
            LeftToRight(ref s, h, count, sumG, sumH, value, lower, upper);
            if (hasMissing[f]) RightToLeft(ref s, h, count, sumG, sumH, value, lower, upper);
        }
        return s;
    }

    /// <summary>
    /// The winner among per-feature best splits in feature order: the first with the largest gain (scikit-learn's
    /// sequential reduction after its parallel loop), or the first entry when none is valid.
    /// </summary>
    public static HistSplit Best(ReadOnlySpan<HistSplit> perFeature)
    {
        var best = new HistSplit { Gain = -1 };
        for (int k = 0; k < perFeature.Length; k++)
            if (k == 0 || perFeature[k].Gain > best.Gain) best = perFeature[k];
        return best;
    }

    private double Hess(in HistBin b) => hessiansConstant ? b.Count : b.H;

    private double Gain(double gl, double hl, double gr, double hr, double parentLoss, sbyte cst, double lower, double upper)
    {
        double vl = NodeValue(gl, hl, lower, upper, l2), vr = NodeValue(gr, hr, lower, upper, l2);
        if ((cst == 1 && vl > vr) || (cst == -1 && vl < vr)) return -1;
        return parentLoss - gl * vl - gr * vr;
    }

    private void Finish(ref HistSplit s, double gain, int bin, bool missingLeft, double gl, double hl, int nl, int count, double sumG, double sumH, double lower, double upper)
    {
        s.Gain = gain;
        s.Bin = bin;
        s.MissingGoesLeft = missingLeft;
        s.GradientLeft = gl;
        s.GradientRight = sumG - gl;
        s.HessianLeft = hl;
        s.HessianRight = sumH - hl;
        s.CountLeft = nl;
        s.CountRight = count - nl;
        s.ValueLeft = NodeValue(s.GradientLeft, s.HessianLeft, lower, upper, l2);
        s.ValueRight = NodeValue(s.GradientRight, s.HessianRight, lower, upper, l2);
    }

    private void LeftToRight(ref HistSplit s, Span<HistBin> h, int count, double sumG, double sumH, double value, double lower, double upper)
    {
        int f = s.Feature;
        int end = binsNonMissing[f] - 1 + (hasMissing[f] ? 1 : 0);
        double gl = 0, hl = 0, parentLoss = sumG * value, bestGain = -1, bestG = 0, bestH = 0;
        int nl = 0, bestBin = -1, bestN = 0;
        for (int b = 0; b < end; b++)
        {
            nl += h[b].Count;
            int nr = count - nl;
            hl += Hess(h[b]);
            double hr = sumH - hl;
            gl += h[b].G;
            double gr = sumG - gl;
            if (nl < minSamplesLeaf) continue;
            if (nr < minSamplesLeaf) break;
            if (hl < minHessian) continue;
            if (hr < minHessian) break;
            double gain = Gain(gl, hl, gr, hr, parentLoss, monotonic[f], lower, upper);
            if (gain > bestGain && gain > 0)
            {
                bestGain = gain; bestBin = b; bestG = gl; bestH = hl; bestN = nl;
            }
        }
        if (bestBin >= 0) Finish(ref s, bestGain, bestBin, false, bestG, bestH, bestN, count, sumG, sumH, lower, upper);
    }

    private void RightToLeft(ref HistSplit s, Span<HistBin> h, int count, double sumG, double sumH, double value, double lower, double upper)
    {
        int f = s.Feature;
        double gr = 0, hr = 0, parentLoss = sumG * value, bestGain = s.Gain, bestG = 0, bestH = 0;
        int nr = 0, bestBin = -1, bestN = 0;
        for (int b = binsNonMissing[f] - 2; b >= 0; b--)
        {
            nr += h[b + 1].Count;
            int nl = count - nr;
            hr += Hess(h[b + 1]);
            double hl = sumH - hr;
            gr += h[b + 1].G;
            double gl = sumG - gr;
            if (nr < minSamplesLeaf) continue;
            if (nl < minSamplesLeaf) break;
            if (hr < minHessian) continue;
            if (hl < minHessian) break;
            double gain = Gain(gl, hl, gr, hr, parentLoss, monotonic[f], lower, upper);
            if (gain > bestGain && gain > 0)
            {
                bestGain = gain; bestBin = b; bestG = gl; bestH = hl; bestN = nl;
            }
        }
        if (bestBin >= 0) Finish(ref s, bestGain, bestBin, true, bestG, bestH, bestN, count, sumG, sumH, lower, upper);
    }

    private void Categorical(ref HistSplit s, Span<HistBin> h, int count, double sumG, double sumH, double value, double lower, double upper)
    {
        int f = s.Feature;
        double support = count / sumH;
        var bins = new List<(int Bin, double Value)>();
        for (int j = 0; j < binsNonMissing[f] + (hasMissing[f] ? 1 : 0); j++)
        {
            int b = j < binsNonMissing[f] ? j : missingBin;
            double hb = Hess(h[b]);
            if (hb * support >= MinCatSupport) bins.Add((b, h[b].G / (hb + MinCatSupport)));
        }
        int used = bins.Count;
        if (used <= 1) return;
        // scikit-learn's qsort comparator; categories with equal ratios may come out in another order there.
        var sorted = bins.OrderBy(c => c.Value).ToArray();
        double parentLoss = sumG * value, bestGain = -1, bestG = 0, bestH = 0;
        int bestN = 0, bestIdx = -1, bestDir = 0;
        foreach (int dir in (ReadOnlySpan<int>)[1, -1])
        {
            int middle = dir == 1 ? (used + 1) / 2 : (used + 1) / 2 - 1;
            double gl = 0, hl = 0;
            int nl = 0;
            for (int i = 0; i < middle; i++)
            {
                int idx = dir == 1 ? i : used - 1 - i;
                ref HistBin hb = ref h[sorted[idx].Bin];
                nl += hb.Count;
                int nr = count - nl;
                hl += Hess(hb);
                double hr = sumH - hl;
                gl += hb.G;
                double gr = sumG - gl;
                if (nl < minSamplesLeaf || hl < minHessian) continue;
                if (nr < minSamplesLeaf || hr < minHessian) break;
                double gain = Gain(gl, hl, gr, hr, parentLoss, monotonic[f], lower, upper);
                if (gain > bestGain && gain > 0)
                {
                    bestGain = gain; bestIdx = idx; bestG = gl; bestH = hl; bestN = nl; bestDir = dir;
                }
            }
        }
        if (bestIdx < 0) return;
        Finish(ref s, bestGain, 0, false, bestG, bestH, bestN, count, sumG, sumH, lower, upper);
        var set = new uint[8];
        if (bestDir == 1) for (int i = 0; i <= bestIdx; i++) Set(set, sorted[i].Bin);
        else for (int i = used - 1; i >= bestIdx; i--) Set(set, sorted[i].Bin);
        s.LeftBins = set;
        if (hasMissing[f]) s.MissingGoesLeft = InSet(set, missingBin);
    }

    public static void Set(uint[] set, int v) => set[v >> 5] |= 1u << (v & 31);

    public static bool InSet(uint[] set, int v) => (set[v >> 5] & (1u << (v & 31))) != 0;
}
