namespace Scratch.ML.Learn.Trees;

/// <summary>The split a node chose (scikit-learn's <c>SplitRecord</c>).</summary>
internal struct CartSplit
{
    /// <summary>Split feature.</summary>
    public int Feature;
    /// <summary>First position of the right child in the partitioned samples; = end when no split was found.</summary>
    public int Pos;
    /// <summary>Numeric threshold: x ≤ t goes left (+∞ for "non-missing left, missing right").</summary>
    public double Threshold;
    /// <summary>Where missing values go.</summary>
    public bool MissingGoesLeft;
    /// <summary>The proxy score the split won with.</summary>
    public double Proxy;
    /// <summary>Impurity decrease and the children's impurities.</summary>
    public double Improvement, ImpurityLeft, ImpurityRight;
}

/// <summary>
/// Finds the split of one node like scikit-learn's <c>BestSplitter</c> / <c>RandomSplitter</c> (1.3 semantics with
/// missing values): candidate features are drawn without replacement with the generator, constant features are
/// skipped (and remembered for the subtree), and the best split by the criterion's proxy wins, the first one in
/// draw order among exact ties.
/// </summary>
/// <remarks>
/// The work is done in two phases so that it can run in parallel and still not depend on the thread count:
/// (1) the draw loop runs sequentially, detecting constant features from a min/max pass (the same test
/// scikit-learn makes on the sorted values) and drawing random thresholds; (2) the drawn features are scored
/// independently (in parallel for large nodes), each in its own buffers and criterion clone that start from the
/// node's totals; the best is then chosen in draw order with a strict "&gt;", exactly like a sequential loop.
/// </remarks>
internal sealed class CartSplitter
{
    /// <summary>Values closer than this are one value (scikit-learn's FEATURE_THRESHOLD).</summary>
    public const double FeatureThreshold = 1e-7;
    private const long ParallelWork = 40_000;

    private readonly TreeFeatures x;
    private readonly TreeGrowthOptions o;
    private readonly SplitRandom rng;
    private readonly CartCriterion node;
    private readonly int[] features, constants, candidates, scratch;
    private readonly double[] candidateThresholds;
    private readonly CartSplit[] results;
    private readonly Stack<Worker> pool = new();
    private readonly bool f32;

    private sealed class Worker(int n, CartCriterion crit)
    {
        public readonly double[] Xf = new double[n];
        public readonly int[] Idx = new int[n];
        public readonly CartCriterion Crit = crit;
        private ulong[]? keys;
        public ulong[] Keys => keys ??= new ulong[Idx.Length];
    }

    /// <summary>Prepares the splitter: keeps the samples of non-zero weight and builds the criterion.</summary>
    public CartSplitter(TreeFeatures x, TreeTargets y, double[]? w, TreeGrowthOptions options, SplitRandom rng)
    {
        this.x = x; o = options; this.rng = rng;
        f32 = x.IsSinglePrecision;
        int count = 0;
        for (int i = 0; i < x.Samples; i++) if (w is null || w[i] != 0) count++;
        Samples = new int[count];
        WeightedTotal = 0;
        for (int i = 0, j = 0; i < x.Samples; i++)
            if (w is null || w[i] != 0) { Samples[j++] = i; WeightedTotal += w?[i] ?? 1.0; }
        node = options.Criterion switch
        {
            SplitCriterion.Gini => new ClassificationCriterion(false, y.Values, y.Outputs, y.ClassCounts!, w),
            SplitCriterion.Entropy => new ClassificationCriterion(true, y.Values, y.Outputs, y.ClassCounts!, w),
            SplitCriterion.SquaredError => new MseCriterion(y.Values, y.Outputs, w),
            SplitCriterion.FriedmanMse => new FriedmanMseCriterion(y.Values, y.Outputs, w),
            SplitCriterion.Poisson => new PoissonCriterion(y.Values, y.Outputs, w),
            SplitCriterion.AbsoluteError => new AbsoluteErrorCriterion(y.Values, y.Outputs, w),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Criterion, "Unknown split criterion."),
        };
        int d = x.Features;
        features = new int[d];
        for (int f = 0; f < d; f++) features[f] = f;
        constants = new int[d];
        candidates = new int[d];
        candidateThresholds = new double[d];
        results = new CartSplit[d];
        scratch = new int[count];
    }

    /// <summary>Indices of the samples with non-zero weight; the builders partition ranges of it in place.</summary>
    public int[] Samples { get; }

    /// <summary>Σ w over the kept samples (scikit-learn's weighted_n_samples).</summary>
    public double WeightedTotal { get; }

    /// <summary>Starts node samples[start, end) and returns its total weight.</summary>
    public double NodeReset(int start, int end)
    {
        node.Init(Samples, start, end);
        return node.WeightedNode;
    }

    /// <summary>The impurity of the current node.</summary>
    public double NodeImpurity() => node.NodeImpurity();

    /// <summary>Writes the current node's value.</summary>
    public void NodeValue(Span<double> value) => node.NodeValue(value);

    /// <summary>
    /// The best split of the current node (Pos = end when none is valid). <paramref name="knownConstants"/> counts the
    /// features known constant in the node's ancestors on entry and all known constant features on return.
    /// </summary>
    public CartSplit NodeSplit(int start, int end, double impurity, ref int knownConstants)
    {
        int count = DrawCandidates(start, end, ref knownConstants);
        if (count > 0)
        {
            long work = (long)(end - start) * count;
            int threads = o.SplitThreads > 0 ? o.SplitThreads : Parallelism.MaxThreads;
            if (work >= ParallelWork && count > 1 && threads > 1)
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, Rent, (k, _, wk) => { Score(wk, k, start, end); return wk; }, Return);
            else
            {
                var wk = Rent();
                for (int k = 0; k < count; k++) Score(wk, k, start, end);
                Return(wk);
            }
        }
        var best = new CartSplit { Pos = end, Proxy = double.NegativeInfinity, Feature = -2, Threshold = -2 };
        for (int k = 0; k < count; k++)
            if (results[k].Pos < end && results[k].Proxy > best.Proxy) best = results[k];
        if (best.Pos < end) Finish(ref best, start, end, impurity);
        return best;
    }

    private int DrawCandidates(int start, int end, ref int knownConstants)
    {
        int d = x.Features, maxFeatures = Math.Min(o.MaxFeatures, d);
        int fi = d, nFound = 0, nDrawn = 0, nKnown = knownConstants, nTotal = nKnown, visited = 0, count = 0;
        while (fi > nTotal && (visited < maxFeatures || visited <= nFound + nDrawn))
        {
            visited++;
            int fj = rng.Int(nDrawn, fi - nFound);
            if (fj < nKnown)
            {
                (features[nDrawn], features[fj]) = (features[fj], features[nDrawn]);
                nDrawn++;
                continue;
            }
            fj += nFound;
            int f = features[fj];
            var (min, max) = MinMax(f, start, end);
            if (double.IsNaN(min) || !Distinct(min, max))
            {
                (features[fj], features[nTotal]) = (features[nTotal], features[fj]);
                nFound++;
                nTotal++;
                continue;
            }
            fi--;
            (features[fi], features[fj]) = (features[fj], features[fi]);
            candidates[count] = f;
            if (o.Splitter == SplitStrategy.Random)
            {
                double t = rng.Uniform(min, max);
                candidateThresholds[count] = t == max ? min : t;
            }
            count++;
        }
        Array.Copy(constants, features, nKnown);
        Array.Copy(features, nKnown, constants, nKnown, nFound);
        knownConstants = nTotal;
        return count;
    }

    /// <summary>Whether b (≥ a) is more than FEATURE_THRESHOLD above a (in float32 arithmetic for float32 models, like scikit-learn).</summary>
    private bool Distinct(double a, double b) => f32 ? (float)b > (float)a + 1e-7f : b > a + FeatureThreshold;

    private (double Min, double Max) MinMax(int f, int start, int end)
    {
        var col = x.Column(f);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        bool any = false;
        for (int p = start; p < end; p++)
        {
            double v = col[Samples[p]];
            if (double.IsNaN(v)) continue;
            any = true;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return any ? (min, max) : (double.NaN, double.NaN);
    }

    private Worker Rent()
    {
        lock (pool) if (pool.Count > 0) return pool.Pop();
        return new Worker(Samples.Length, node.Clone());
    }

    private void Return(Worker wk) { lock (pool) pool.Push(wk); }

    private void Score(Worker wk, int k, int start, int end)
    {
        if (o.Splitter == SplitStrategy.Random) ScoreRandom(wk, k, start, end);
        else ScoreBest(wk, k, start, end);
    }

    private void ScoreBest(Worker wk, int k, int start, int end)
    {
        int f = candidates[k];
        var col = x.Column(f);
        var (xf, idx, crit) = (wk.Xf, wk.Idx, wk.Crit);
        int lo = start, hi = end;
        bool packed = false;
        if (x.HasMissing[f])
        {
            for (int p = start; p < end; p++)
            {
                int i = Samples[p];
                double v = col[i];
                if (double.IsNaN(v)) { hi--; idx[hi] = i; xf[hi] = v; }
                else { idx[lo] = i; xf[lo] = v; lo++; }
            }
        }
        else if (f32)
        {
            SortPacked(wk, col, start, end);
            packed = true;
            lo = end;
        }
        else
        {
            for (int p = start; p < end; p++) { int i = Samples[p]; idx[p] = i; xf[p] = col[i]; }
            lo = end;
        }
        int endNm = lo, nMissing = end - lo, n = end - start;
        if (!packed) xf.AsSpan(start, endNm - start).Sort(idx.AsSpan(start, endNm - start));
        crit.CopyTotals(node, idx);
        if (nMissing > 0) crit.InitMissing(nMissing);

        var best = new CartSplit { Feature = f, Pos = end, Proxy = double.NegativeInfinity };
        int msl = o.MinSamplesLeaf;
        double mwl = o.MinWeightLeaf;
        for (int s = 0; s < (nMissing > 0 ? 2 : 1); s++)
        {
            bool missingLeft = s == 1;
            crit.MissingGoesLeft = missingLeft;
            crit.Reset();
            int p = start;
            while (p < endNm)
            {
                while (p + 1 < endNm && !Distinct(xf[p], xf[p + 1])) p++;
                int prev = p++;
                if (p >= endNm) continue;
                int nLeft = missingLeft ? p - start + nMissing : p - start, nRight = n - nLeft;
                if (nLeft < msl || nRight < msl) continue;
                crit.Update(p);
                if (crit.WeightedLeft < mwl || crit.WeightedRight < mwl) continue;
                double proxy = crit.ProxyImprovement();
                if (proxy > best.Proxy)
                {
                    double t = xf[prev] / 2.0 + xf[p] / 2.0;
                    if (t == xf[p] || double.IsInfinity(t)) t = xf[prev];
                    best.Proxy = proxy;
                    best.Threshold = t;
                    best.Pos = start + nLeft;
                    best.MissingGoesLeft = nMissing == 0 ? nLeft > nRight : missingLeft;
                }
            }
        }
        if (nMissing > 0 && endNm - start >= msl && nMissing >= msl)
        {
            // Every non-missing value left, every missing one right.
            crit.MissingGoesLeft = false;
            crit.Reset();
            crit.Update(endNm);
            if (crit.WeightedLeft >= mwl && crit.WeightedRight >= mwl)
            {
                double proxy = crit.ProxyImprovement();
                if (proxy > best.Proxy)
                {
                    best.Proxy = proxy;
                    best.Threshold = double.PositiveInfinity;
                    best.Pos = endNm;
                    best.MissingGoesLeft = false;
                }
            }
        }
        results[k] = best;
    }

    /// <summary>
    /// Sorts the node's float32 values with their sample ids as one 64-bit key each (order-preserving float bits in the
    /// high word, the sample id in the low word): a primitive sort, about twice as fast as sorting keys with items, and
    /// equal values come out in sample order.
    /// </summary>
    private void SortPacked(Worker wk, ReadOnlySpan<double> col, int start, int end)
    {
        var keys = wk.Keys.AsSpan(start, end - start);
        var samples = Samples.AsSpan(start, end - start);
        for (int p = 0; p < keys.Length; p++)
        {
            int i = samples[p];
            uint u = BitConverter.SingleToUInt32Bits((float)col[i]);
            u = (u & 0x8000_0000u) != 0 ? ~u : u | 0x8000_0000u;
            keys[p] = (ulong)u << 32 | (uint)i;
        }
        keys.Sort();
        var xf = wk.Xf.AsSpan(start, end - start);
        var idx = wk.Idx.AsSpan(start, end - start);
        for (int p = 0; p < keys.Length; p++)
        {
            ulong k = keys[p];
            uint u = (uint)(k >> 32);
            u = (u & 0x8000_0000u) != 0 ? u & 0x7FFF_FFFFu : ~u;
            idx[p] = (int)(uint)k;
            xf[p] = BitConverter.UInt32BitsToSingle(u);
        }
    }

    private void ScoreRandom(Worker wk, int k, int start, int end)
    {
        int f = candidates[k];
        double t = candidateThresholds[k];
        var col = x.Column(f);
        var idx = wk.Idx;
        int lo = start, hi = end;
        for (int p = start; p < end; p++)
        {
            int i = Samples[p];
            if (col[i] <= t) idx[lo++] = i; else idx[--hi] = i;
        }
        int nLeft = lo - start, nRight = end - lo;
        results[k] = new CartSplit { Feature = f, Pos = end, Proxy = double.NegativeInfinity };
        if (nLeft < o.MinSamplesLeaf || nRight < o.MinSamplesLeaf) return;
        var crit = wk.Crit;
        crit.CopyTotals(node, idx);
        crit.MissingGoesLeft = false;
        crit.Reset();
        crit.Update(lo);
        if (crit.WeightedLeft < o.MinWeightLeaf || crit.WeightedRight < o.MinWeightLeaf) return;
        results[k] = new CartSplit
        {
            Feature = f, Pos = lo, Threshold = t, MissingGoesLeft = nLeft > nRight, Proxy = crit.ProxyImprovement(),
        };
    }

    /// <summary>Partitions samples[start, end) by the split (stable) and computes the children's impurities.</summary>
    private void Finish(ref CartSplit best, int start, int end, double impurity)
    {
        var col = x.Column(best.Feature);
        int lo = start, r = 0;
        for (int p = start; p < end; p++)
        {
            int i = Samples[p];
            double v = col[i];
            bool left = double.IsNaN(v) ? best.MissingGoesLeft : v <= best.Threshold;
            if (left) Samples[lo++] = i; else scratch[r++] = i;
        }
        Array.Copy(scratch, 0, Samples, lo, r);
        if (lo != best.Pos)
            throw new InvalidOperationException($"CartSplitter: partition gave {lo - start} left samples, the scan {best.Pos - start}.");
        node.UseOrder(Samples);
        node.MissingGoesLeft = false;
        node.Reset();
        node.Update(best.Pos);
        node.ChildrenImpurity(out best.ImpurityLeft, out best.ImpurityRight);
        best.Improvement = node.ImpurityImprovement(impurity, best.ImpurityLeft, best.ImpurityRight, WeightedTotal);
    }
}
