using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// SGDR: cosine annealing with warm restarts (PyTorch's <c>CosineAnnealingWarmRestarts</c>):
/// <c>η = η_min + (base − η_min)·(1 + cos(π·T_cur/T_i))/2</c>, where T_cur counts epochs since the last restart and
/// the period T_i starts at T_0 and is multiplied by T_mult at each restart.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
public sealed class CosineAnnealingWarmRestarts<T> : LRScheduler<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int t0, tMult;
    private readonly double etaMin;
    private int tI, tCur;

    /// <summary>Creates the schedule.</summary>
    /// <param name="optimizer">The optimiser.</param>
    /// <param name="t0">Epochs until the first restart (≥ 1).</param>
    /// <param name="tMult">Factor by which the period grows after each restart (≥ 1).</param>
    /// <param name="etaMin">Minimum rate.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t0"/> or <paramref name="tMult"/> &lt; 1.</exception>
    public CosineAnnealingWarmRestarts(Optimizer<T> optimizer, int t0, int tMult = 1, double etaMin = 0) : base(optimizer)
    {
        if (t0 <= 0) throw new ArgumentOutOfRangeException(nameof(t0), t0, $"Expected positive integer T_0, but got {t0}.");
        if (tMult < 1) throw new ArgumentOutOfRangeException(nameof(tMult), tMult, $"Expected integer T_mult >= 1, but got {tMult}.");
        this.t0 = t0;
        this.tMult = tMult;
        this.etaMin = etaMin;
        tI = t0;
        tCur = -1;
        Initialize();
    }

    /// <summary>Epochs since the last restart.</summary>
    public int TCur => tCur;

    /// <summary>The current period.</summary>
    public int TI => tI;

    /// <inheritdoc />
    public override void Step()
    {
        if (LastEpoch < 0)
        {
            Step(0);
            return;
        }
        StepCount++;
        LastEpoch++;
        tCur++;
        if (tCur >= tI)
        {
            tCur -= tI;
            tI *= tMult;
        }
        Apply(ComputeLr());
    }

    /// <inheritdoc />
    public override void Step(int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        StepCount++;
        if (epoch >= t0)
        {
            if (tMult == 1) tCur = epoch % t0;
            else
            {
                int n = (int)Math.Log(epoch / (double)t0 * (tMult - 1) + 1, tMult);
                tCur = epoch - t0 * ((int)Math.Pow(tMult, n) - 1) / (tMult - 1);
                tI = t0 * (int)Math.Pow(tMult, n);
            }
        }
        else
        {
            tI = t0;
            tCur = epoch;
        }
        LastEpoch = epoch;
        Apply(ComputeLr());
    }

    /// <inheritdoc />
    protected override double[] ComputeLr() => [.. BaseLrs.Select(b => etaMin + (b - etaMin) * (1 + Math.Cos(Math.PI * tCur / tI)) / 2)];

    /// <inheritdoc />
    public override Dictionary<string, double> StateDict()
    {
        var d = base.StateDict();
        d["T_i"] = tI;
        d["T_cur"] = tCur;
        return d;
    }

    /// <inheritdoc />
    public override void LoadStateDict(IReadOnlyDictionary<string, double> state)
    {
        base.LoadStateDict(state);
        tI = (int)Get(state, "T_i");
        tCur = (int)Get(state, "T_cur");
    }
}
