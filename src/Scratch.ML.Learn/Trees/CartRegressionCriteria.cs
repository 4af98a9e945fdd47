namespace Scratch.ML.Learn.Trees;

/// <summary>
/// Regression criteria built on weighted sums Σ w·y per output (scikit-learn's <c>RegressionCriterion</c>):
/// squared error, Friedman's MSE and Poisson deviance. Node values are the weighted means.
/// </summary>
internal abstract class RegressionCriterion : CartCriterion
{
    /// <summary>Σ w·y per output: node, left, right, missing.</summary>
    protected readonly double[] Total, Left, Right, Missing;
    /// <summary>Σ w·y² over the node, all outputs together.</summary>
    protected double SqTotal;

    /// <summary>Wraps (n, outputs) targets.</summary>
    protected RegressionCriterion(double[] y, int outputs, double[]? w) : base(y, outputs, w)
    {
        Total = new double[outputs]; Left = new double[outputs]; Right = new double[outputs]; Missing = new double[outputs];
    }

    /// <inheritdoc />
    protected override void ComputeTotals()
    {
        Array.Clear(Total);
        SqTotal = 0;
        WeightedNode = 0;
        for (int p = Start; p < End; p++)
        {
            int i = Samples[p];
            double w = Weight(i);
            for (int k = 0; k < Outputs; k++)
            {
                double yk = Y[i * Outputs + k], wy = w * yk;
                Total[k] += wy;
                SqTotal += wy * yk;
            }
            WeightedNode += w;
        }
    }

    /// <inheritdoc />
    protected override void CopyTotalsFrom(CartCriterion node)
    {
        var r = (RegressionCriterion)node;
        r.Total.CopyTo(Total, 0);
        SqTotal = r.SqTotal;
    }

    /// <inheritdoc />
    protected override void ClearMissing() => Array.Clear(Missing);
    /// <inheritdoc />
    protected override void AddMissing(int i, double w) { for (int k = 0; k < Outputs; k++) Missing[k] += w * Y[i * Outputs + k]; }

    /// <inheritdoc />
    protected override void SetLeftToMissingOrZero(bool useMissing)
    {
        if (useMissing) Missing.CopyTo(Left, 0); else Array.Clear(Left);
        RightFromLeft();
    }

    /// <inheritdoc />
    protected override void SetLeftToTotal(bool subtractMissing)
    {
        for (int k = 0; k < Outputs; k++) Left[k] = subtractMissing ? Total[k] - Missing[k] : Total[k];
        RightFromLeft();
    }

    /// <inheritdoc />
    protected override void AddLeft(int i, double w) { for (int k = 0; k < Outputs; k++) Left[k] += w * Y[i * Outputs + k]; }

    /// <inheritdoc />
    protected override void RightFromLeft() { for (int k = 0; k < Outputs; k++) Right[k] = Total[k] - Left[k]; }

    /// <inheritdoc />
    public override void NodeValue(Span<double> value)
    {
        for (int k = 0; k < Outputs; k++) value[k] = Total[k] / WeightedNode;
    }

    /// <summary>Σ w·y² over the left side at the current split (scikit-learn loops over the samples).</summary>
    protected double SqSumLeft()
    {
        double sq = 0;
        for (int p = Start; p < Pos; p++) sq += SqOf(Samples[p]);
        if (MissingGoesLeft)
            for (int p = EndNonMissing; p < End; p++) sq += SqOf(Samples[p]);
        return sq;
    }

    private double SqOf(int i)
    {
        double w = Weight(i), sq = 0;
        for (int k = 0; k < Outputs; k++) { double yk = Y[i * Outputs + k]; sq += w * yk * yk; }
        return sq;
    }
}

/// <summary>Mean squared error: impurity = Σ w y² / W − Σₖ (Σ w yₖ / W)², averaged over outputs.</summary>
internal class MseCriterion(double[] y, int outputs, double[]? w) : RegressionCriterion(y, outputs, w)
{
    /// <inheritdoc />
    public override CartCriterion Clone() => new MseCriterion(Y, Outputs, W);

    /// <inheritdoc />
    public override double NodeImpurity()
    {
        double imp = SqTotal / WeightedNode;
        for (int k = 0; k < Outputs; k++) { double m = Total[k] / WeightedNode; imp -= m * m; }
        return imp / Outputs;
    }

    /// <inheritdoc />
    public override double ProxyImprovement()
    {
        double l = 0, r = 0;
        for (int k = 0; k < Outputs; k++) { l += Left[k] * Left[k]; r += Right[k] * Right[k]; }
        return l / WeightedLeft + r / WeightedRight;
    }

    /// <inheritdoc />
    public override void ChildrenImpurity(out double left, out double right)
    {
        double sqLeft = SqSumLeft(), sqRight = SqTotal - sqLeft;
        left = sqLeft / WeightedLeft;
        right = sqRight / WeightedRight;
        for (int k = 0; k < Outputs; k++)
        {
            double ml = Left[k] / WeightedLeft, mr = Right[k] / WeightedRight;
            left -= ml * ml;
            right -= mr * mr;
        }
        left /= Outputs;
        right /= Outputs;
    }
}

/// <summary>
/// Friedman's MSE: splits ranked by (W_R·ΣL − W_L·ΣR)² / (W_L·W_R) with Σ the output-summed weighted targets;
/// improvement = that square over outputs² divided by W_L·W_R·W_node (scikit-learn's formula, not scaled by W_node/W).
/// </summary>
internal sealed class FriedmanMseCriterion(double[] y, int outputs, double[]? w) : MseCriterion(y, outputs, w)
{
    /// <inheritdoc />
    public override CartCriterion Clone() => new FriedmanMseCriterion(Y, Outputs, W);

    private double Diff()
    {
        double l = 0, r = 0;
        for (int k = 0; k < Outputs; k++) { l += Left[k]; r += Right[k]; }
        return WeightedRight * l - WeightedLeft * r;
    }

    /// <inheritdoc />
    public override double ProxyImprovement()
    {
        double diff = Diff();
        return diff * diff / (WeightedLeft * WeightedRight);
    }

    /// <inheritdoc />
    public override double ImpurityImprovement(double parent, double left, double right, double weightedTotal)
    {
        double diff = Diff() / Outputs;
        return diff * diff / (WeightedLeft * WeightedRight * WeightedNode);
    }
}

/// <summary>
/// Half Poisson deviance: impurity = Σ w·y·log(y / ȳ) / W (y log y := 0 at y = 0), averaged over outputs; a side
/// whose Σ w y ≤ ε (machine epsilon) has infinite impurity, so splits producing it are never chosen.
/// </summary>
internal sealed class PoissonCriterion(double[] y, int outputs, double[]? w) : RegressionCriterion(y, outputs, w)
{
    private const double Eps = 2.220446049250313e-16; // numpy's finfo(float64).eps, scikit-learn's EPSILON

    /// <inheritdoc />
    public override CartCriterion Clone() => new PoissonCriterion(Y, Outputs, W);

    /// <inheritdoc />
    public override double NodeImpurity() => Loss(0, Total, WeightedNode);

    /// <inheritdoc />
    public override double ProxyImprovement()
    {
        double l = 0, r = 0;
        for (int k = 0; k < Outputs; k++)
        {
            if (Left[k] <= Eps || Right[k] <= Eps) return double.NegativeInfinity;
            l -= Left[k] * Math.Log(Left[k] / WeightedLeft);
            r -= Right[k] * Math.Log(Right[k] / WeightedRight);
        }
        return -l - r;
    }

    /// <inheritdoc />
    public override void ChildrenImpurity(out double left, out double right)
    {
        left = Loss(1, Left, WeightedLeft);
        right = Loss(2, Right, WeightedRight);
    }

    // side: 0 = whole node, 1 = left, 2 = right at the current split.
    private double Loss(int side, double[] sums, double weight)
    {
        double loss = 0;
        for (int k = 0; k < Outputs; k++)
        {
            if (sums[k] <= Eps) return double.PositiveInfinity;
            double mean = sums[k] / weight;
            for (int p = Start; p < End; p++)
            {
                if (side != 0 && OnLeft(p) != (side == 1)) continue;
                int i = Samples[p];
                double yk = Y[i * Outputs + k];
                if (yk != 0) loss += Weight(i) * yk * Math.Log(yk / mean);
            }
        }
        return loss / (weight * Outputs);
    }
}
