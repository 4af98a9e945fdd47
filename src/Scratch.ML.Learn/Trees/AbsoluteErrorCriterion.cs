namespace Scratch.ML.Learn.Trees;

/// <summary>
/// Mean absolute error around the weighted median (scikit-learn's <c>MAE</c>): impurity = Σ w·|y − median| / W,
/// averaged over outputs; node values are the weighted medians. The median is scikit-learn's: with the side's values
/// sorted and k the smallest count whose weight reaches half the total, it is value[k−1], or the mean of value[k−1]
/// and value[k] when the weight of the first k is exactly half.
/// </summary>
/// <remarks>
/// Like scikit-learn this costs O(n) per candidate position (O(n²) per feature and node): it walks the node's samples
/// pre-sorted by target once per side and output. Missing feature values are not supported (the grower refuses them).
/// </remarks>
internal sealed class AbsoluteErrorCriterion(double[] y, int outputs, double[]? w) : CartCriterion(y, outputs, w)
{
    private int[][] byTarget = [];   // per output: the node's samples sorted by that output's target
    private int[] position = [];     // sample → position in the current order
    private bool dirty = true;

    /// <inheritdoc />
    public override CartCriterion Clone() => new AbsoluteErrorCriterion(Y, Outputs, W);

    /// <inheritdoc />
    protected override void ComputeTotals()
    {
        WeightedNode = 0;
        for (int p = Start; p < End; p++) WeightedNode += Weight(Samples[p]);
        byTarget = new int[Outputs][];
        var keys = new double[End - Start];
        for (int k = 0; k < Outputs; k++)
        {
            var order = Samples.AsSpan(Start, End - Start).ToArray();
            for (int j = 0; j < order.Length; j++) keys[j] = Y[order[j] * Outputs + k];
            keys.AsSpan().Sort(order.AsSpan());
            byTarget[k] = order;
        }
    }

    /// <inheritdoc />
    protected override void CopyTotalsFrom(CartCriterion node) => byTarget = ((AbsoluteErrorCriterion)node).byTarget;
    /// <inheritdoc />
    protected override void OrderChanged() => dirty = true;
    /// <inheritdoc />
    protected override void ClearMissing() { }
    /// <inheritdoc />
    protected override void AddMissing(int i, double w) { }
    /// <inheritdoc />
    protected override void SetLeftToMissingOrZero(bool missing) { }
    /// <inheritdoc />
    protected override void SetLeftToTotal(bool subtractMissing) { }
    /// <inheritdoc />
    protected override void AddLeft(int i, double w) { }
    /// <inheritdoc />
    protected override void RightFromLeft() { }

    // side: 0 node, 1 left, 2 right at the current split.
    private bool Member(int i, int side) => side == 0 || OnLeft(position[i]) == (side == 1);

    private double Median(int k, int side)
    {
        double total = 0;
        foreach (int i in byTarget[k]) if (Member(i, side)) total += Weight(i);
        double half = total / 2.0, cum = 0;
        var order = byTarget[k];
        for (int j = 0; j < order.Length; j++)
        {
            int i = order[j];
            if (!Member(i, side)) continue;
            cum += Weight(i);
            if (cum < half) continue;
            double v = Y[i * Outputs + k];
            if (cum > half) return v;
            for (int m = j + 1; m < order.Length; m++)
                if (Member(order[m], side)) return (v + Y[order[m] * Outputs + k]) / 2.0;
            return v;
        }
        return double.NaN;
    }

    private double Deviation(int side, double weight)
    {
        if (dirty && side != 0)
        {
            if (position.Length < Y.Length / Outputs) position = new int[Y.Length / Outputs];
            for (int p = Start; p < End; p++) position[Samples[p]] = p;
            dirty = false;
        }
        double sum = 0;
        for (int k = 0; k < Outputs; k++)
        {
            double med = Median(k, side);
            foreach (int i in byTarget[k])
                if (Member(i, side)) sum += Math.Abs(Y[i * Outputs + k] - med) * Weight(i);
        }
        return sum / (weight * Outputs);
    }

    /// <inheritdoc />
    public override double NodeImpurity() => Deviation(0, WeightedNode);

    /// <inheritdoc />
    public override void ChildrenImpurity(out double left, out double right)
    {
        left = Deviation(1, WeightedLeft);
        right = Deviation(2, WeightedRight);
    }

    /// <inheritdoc />
    public override void NodeValue(Span<double> value)
    {
        for (int k = 0; k < Outputs; k++) value[k] = Median(k, 0);
    }
}
