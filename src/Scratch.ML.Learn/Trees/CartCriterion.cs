namespace Scratch.ML.Learn.Trees;

/// <summary>
/// The impurity bookkeeping of one node while its splits are scanned, a line-by-line port of scikit-learn's
/// <c>Criterion</c> (sklearn/tree/_criterion.pyx, 1.3 with missing values). The node's samples are
/// <c>samples[start, end)</c>; the last <c>nMissing</c> of them have a missing split value; a split at position
/// <c>pos</c> sends <c>samples[start, pos)</c> left and <c>samples[pos, end − nMissing)</c> right, and the missing ones
/// to the side <see cref="MissingGoesLeft"/> names.
/// </summary>
/// <remarks>
/// Totals (<see cref="Init"/>) are computed once per node from the node's own sample order and copied into the
/// per-worker clones (<see cref="CopyTotals"/>), so that every candidate feature is scored from the same bits whatever
/// the thread count. <see cref="Update"/> moves forward from the current position or, when that is shorter, backward
/// from the end, exactly like scikit-learn (the rounding of the sums then agrees too).
/// </remarks>
internal abstract class CartCriterion
{
    /// <summary>Targets (n, outputs) row-major.</summary>
    protected readonly double[] Y;
    /// <summary>Sample weights (n), or null for unit weights.</summary>
    protected readonly double[]? W;
    /// <summary>Number of outputs.</summary>
    protected readonly int Outputs;
    /// <summary>The sample order scored: the node's samples are Samples[Start, End).</summary>
    protected int[] Samples = [];
    /// <summary>Node range and current split position.</summary>
    protected int Start, End, Pos, NMissing;

    /// <summary>Wraps the targets and weights.</summary>
    protected CartCriterion(double[] y, int outputs, double[]? w) { Y = y; Outputs = outputs; W = w; }

    /// <summary>Whether the missing samples are counted on the left.</summary>
    public bool MissingGoesLeft { get; set; }

    /// <summary>Total weight of the node, of the left and right sides, and of the missing samples.</summary>
    public double WeightedNode, WeightedLeft, WeightedRight, WeightedMissing;

    /// <summary>End of the non-missing samples.</summary>
    protected int EndNonMissing => End - NMissing;

    /// <summary>The weight of sample i.</summary>
    protected double Weight(int i) => W is null ? 1.0 : W[i];

    /// <summary>A criterion of the same kind with its own scratch (totals not copied).</summary>
    public abstract CartCriterion Clone();

    /// <summary>Starts a node: computes the totals over <paramref name="samples"/>[start, end) (no missing samples).</summary>
    public void Init(int[] samples, int start, int end)
    {
        Samples = samples; Start = start; End = end; NMissing = 0; WeightedMissing = 0;
        ComputeTotals();
        OrderChanged();
        MissingGoesLeft = false;
        Reset();
    }

    /// <summary>Takes the node totals of <paramref name="node"/> and scores the order <paramref name="samples"/> instead.</summary>
    public void CopyTotals(CartCriterion node, int[] samples)
    {
        Samples = samples; Start = node.Start; End = node.End; NMissing = 0; WeightedMissing = 0;
        WeightedNode = node.WeightedNode;
        CopyTotalsFrom(node);
        OrderChanged();
    }

    /// <summary>Scores another order of the same node samples (after a partition), keeping the totals.</summary>
    public void UseOrder(int[] samples) { Samples = samples; NMissing = 0; WeightedMissing = 0; ClearMissing(); OrderChanged(); }

    /// <summary>Called when the scored sample order changes (criteria that index by position refresh here).</summary>
    protected virtual void OrderChanged() { }

    /// <summary>Declares the last <paramref name="nMissing"/> samples of the range missing and sums them.</summary>
    public void InitMissing(int nMissing)
    {
        NMissing = nMissing;
        ClearMissing();
        WeightedMissing = 0;
        for (int p = End - nMissing; p < End; p++)
        {
            int i = Samples[p];
            double w = Weight(i);
            AddMissing(i, w);
            WeightedMissing += w;
        }
    }

    /// <summary>Position <c>start</c>: only the missing samples (if they go left) are on the left.</summary>
    public void Reset()
    {
        Pos = Start;
        bool left = MissingGoesLeft && NMissing > 0;
        SetLeftToMissingOrZero(left);
        WeightedLeft = left ? WeightedMissing : 0;
        WeightedRight = WeightedNode - WeightedLeft;
    }

    /// <summary>Position <c>end − nMissing</c>: every non-missing sample (and the missing ones if they go left) on the left.</summary>
    public void ReverseReset()
    {
        Pos = EndNonMissing;
        bool missingRight = !MissingGoesLeft && NMissing > 0;
        SetLeftToTotal(missingRight);
        WeightedLeft = WeightedNode - (missingRight ? WeightedMissing : 0);
        WeightedRight = WeightedNode - WeightedLeft;
    }

    /// <summary>Moves the split to <paramref name="newPos"/> (start &lt; newPos ≤ end − nMissing).</summary>
    public void Update(int newPos)
    {
        if (newPos - Pos <= EndNonMissing - newPos)
        {
            for (int p = Pos; p < newPos; p++)
            {
                int i = Samples[p];
                double w = Weight(i);
                AddLeft(i, w);
                WeightedLeft += w;
            }
        }
        else
        {
            ReverseReset();
            for (int p = EndNonMissing - 1; p >= newPos; p--)
            {
                int i = Samples[p];
                double w = Weight(i);
                AddLeft(i, -w);
                WeightedLeft -= w;
            }
        }
        WeightedRight = WeightedNode - WeightedLeft;
        RightFromLeft();
        Pos = newPos;
    }

    /// <summary>The node impurity.</summary>
    public abstract double NodeImpurity();

    /// <summary>The impurities of the two sides at the current position.</summary>
    public abstract void ChildrenImpurity(out double left, out double right);

    /// <summary>The node value (class probabilities per output, or means/medians).</summary>
    public abstract void NodeValue(Span<double> value);

    /// <summary>A score that orders splits like the impurity improvement (larger is better).</summary>
    public virtual double ProxyImprovement()
    {
        ChildrenImpurity(out double l, out double r);
        return -WeightedRight * r - WeightedLeft * l;
    }

    /// <summary>
    /// The weighted impurity decrease of the current split:
    /// N_t / N · (impurity − N_tR / N_t · right − N_tL / N_t · left), N = <paramref name="weightedTotal"/>.
    /// </summary>
    public virtual double ImpurityImprovement(double parent, double left, double right, double weightedTotal) =>
        WeightedNode / weightedTotal * (parent - WeightedRight / WeightedNode * right - WeightedLeft / WeightedNode * left);

    /// <summary>Whether sample p of the current order (a position) is on the left at the current split.</summary>
    protected bool OnLeft(int p) => p < EndNonMissing ? p < Pos : MissingGoesLeft;

    /// <summary>Computes the node totals (and WeightedNode) over Samples[Start, End).</summary>
    protected abstract void ComputeTotals();
    /// <summary>Copies the totals of another criterion of the same kind.</summary>
    protected abstract void CopyTotalsFrom(CartCriterion node);
    /// <summary>Zeroes the missing sums.</summary>
    protected abstract void ClearMissing();
    /// <summary>Adds sample i with weight w to the missing sums.</summary>
    protected abstract void AddMissing(int i, double w);
    /// <summary>Left sums := missing sums (when <paramref name="missing"/>) or zero; right := total − left.</summary>
    protected abstract void SetLeftToMissingOrZero(bool missing);
    /// <summary>Left sums := total (minus the missing sums when <paramref name="subtractMissing"/>).</summary>
    protected abstract void SetLeftToTotal(bool subtractMissing);
    /// <summary>Adds sample i with weight w (negative to remove) to the left sums.</summary>
    protected abstract void AddLeft(int i, double w);
    /// <summary>Right sums := total − left.</summary>
    protected abstract void RightFromLeft();
}

/// <summary>Gini and entropy (scikit-learn's <c>ClassificationCriterion</c>): weighted class counts per output.</summary>
internal sealed class ClassificationCriterion : CartCriterion
{
    private static readonly double Ln2 = Math.Log(2.0);
    private readonly bool entropy;
    private readonly int[] codes;       // (n, outputs): offset of the output's block + class code
    private readonly int[] offsets;     // (outputs + 1) block starts in the value vector
    private readonly double[] total, left, right, missing;

    /// <summary>Criterion for class codes <paramref name="y"/> ((n, outputs), codes &lt; classCounts[o]).</summary>
    public ClassificationCriterion(bool entropy, double[] y, int outputs, int[] classCounts, double[]? w) : base(y, outputs, w)
    {
        this.entropy = entropy;
        offsets = new int[outputs + 1];
        for (int o = 0; o < outputs; o++) offsets[o + 1] = offsets[o] + classCounts[o];
        codes = new int[y.Length];
        for (int j = 0; j < y.Length; j++) codes[j] = offsets[j % outputs] + (int)y[j];
        int width = offsets[outputs];
        total = new double[width]; left = new double[width]; right = new double[width]; missing = new double[width];
    }

    private ClassificationCriterion(ClassificationCriterion c) : base(c.Y, c.Outputs, c.W)
    {
        entropy = c.entropy; codes = c.codes; offsets = c.offsets;
        int width = offsets[Outputs];
        total = new double[width]; left = new double[width]; right = new double[width]; missing = new double[width];
    }

    /// <inheritdoc />
    public override CartCriterion Clone() => new ClassificationCriterion(this);

    /// <inheritdoc />
    protected override void ComputeTotals()
    {
        Array.Clear(total);
        WeightedNode = 0;
        for (int p = Start; p < End; p++)
        {
            int i = Samples[p];
            double w = Weight(i);
            for (int o = 0; o < Outputs; o++) total[codes[i * Outputs + o]] += w;
            WeightedNode += w;
        }
    }

    /// <inheritdoc />
    protected override void CopyTotalsFrom(CartCriterion node) => ((ClassificationCriterion)node).total.CopyTo(total, 0);
    /// <inheritdoc />
    protected override void ClearMissing() => Array.Clear(missing);
    /// <inheritdoc />
    protected override void AddMissing(int i, double w) { for (int o = 0; o < Outputs; o++) missing[codes[i * Outputs + o]] += w; }

    /// <inheritdoc />
    protected override void SetLeftToMissingOrZero(bool useMissing)
    {
        if (useMissing) missing.CopyTo(left, 0); else Array.Clear(left);
        RightFromLeft();
    }

    /// <inheritdoc />
    protected override void SetLeftToTotal(bool subtractMissing)
    {
        for (int c = 0; c < total.Length; c++) left[c] = subtractMissing ? total[c] - missing[c] : total[c];
        RightFromLeft();
    }

    /// <inheritdoc />
    protected override void AddLeft(int i, double w) { for (int o = 0; o < Outputs; o++) left[codes[i * Outputs + o]] += w; }

    /// <inheritdoc />
    protected override void RightFromLeft() { for (int c = 0; c < total.Length; c++) right[c] = total[c] - left[c]; }

    private double Impurity(double[] counts, double weight)
    {
        double sum = 0;
        for (int o = 0; o < Outputs; o++)
        {
            var block = counts.AsSpan(offsets[o], offsets[o + 1] - offsets[o]);
            if (entropy)
            {
                double e = 0;
                foreach (double c in block)
                    if (c > 0) { double p = c / weight; e -= p * (Math.Log(p) / Ln2); }
                sum += e;
            }
            else
            {
                double sq = 0;
                foreach (double c in block) sq += c * c;
                sum += 1.0 - sq / (weight * weight);
            }
        }
        return sum / Outputs;
    }

    /// <inheritdoc />
    public override double NodeImpurity() => Impurity(total, WeightedNode);

    /// <summary>−W_R·impurity_R − W_L·impurity_L; single-output Gini inline (same arithmetic as <see cref="Impurity"/>).</summary>
    public override double ProxyImprovement()
    {
        if (entropy || Outputs != 1) return base.ProxyImprovement();
        double sqL = 0, sqR = 0;
        for (int c = 0; c < left.Length; c++) { sqL += left[c] * left[c]; sqR += right[c] * right[c]; }
        double wl = WeightedLeft, wr = WeightedRight;
        return -wr * (1.0 - sqR / (wr * wr)) - wl * (1.0 - sqL / (wl * wl));
    }

    /// <inheritdoc />
    public override void ChildrenImpurity(out double l, out double r)
    {
        l = Impurity(left, WeightedLeft);
        r = Impurity(right, WeightedRight);
    }

    /// <inheritdoc />
    public override void NodeValue(Span<double> value)
    {
        for (int o = 0; o < Outputs; o++)
        {
            var block = total.AsSpan(offsets[o], offsets[o + 1] - offsets[o]);
            double s = 0;
            foreach (double c in block) s += c;
            if (s == 0) s = 1;
            for (int c = 0; c < block.Length; c++) value[offsets[o] + c] = block[c] / s;
        }
    }
}
