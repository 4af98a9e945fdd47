using System.Numerics;

namespace Scratch.ML.NN;

/// <summary>
/// L-BFGS, PyTorch 1.13's algorithm (<c>torch.optim.LBFGS</c>, after minFunc): a limited-memory quasi-Newton
/// direction from the last <c>history_size</c> curvature pairs, a fixed step or a strong-Wolfe line search, and up to
/// <c>max_iter</c> iterations per <see cref="Step(Func{Tensor{T}})"/>.
/// </summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>
/// Each iteration, with flat gradient g and history pairs (sᵢ, yᵢ), ρᵢ = 1/(yᵢᵀsᵢ):
/// <code>
/// first iteration ever:  d = −g,  H₀ = 1
/// else:  y = g − g_prev, s = t·d;  if yᵀs &gt; 1e-10: push (s, y) (dropping the oldest), H₀ = yᵀs / yᵀy
///        two-loop recursion: q = −g;  for i newest→oldest: αᵢ = ρᵢ·sᵢᵀq, q −= αᵢ·yᵢ
///                            r = H₀·q;  for i oldest→newest: βᵢ = ρᵢ·yᵢᵀr, r += (αᵢ − βᵢ)·sᵢ;  d = r
/// step length t = min(1, 1/‖g‖₁)·lr on the very first iteration, else lr (or the strong-Wolfe result)
/// θ ← θ + t·d
/// </code>
/// Stops when max|g| ≤ tolerance_grad, gᵀd &gt; −tolerance_change, max|t·d| ≤ tolerance_change,
/// |f − f_prev| &lt; tolerance_change, or the iteration/evaluation budget is spent. All parameters form one flat
/// vector (one group only, as in PyTorch). The state lives on the first parameter (index 0 in the state dict).
/// </remarks>
public sealed class Lbfgs<T> : Optimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly string? lineSearchFn;
    private readonly List<Parameter<T>> parameters;

    /// <summary>Creates L-BFGS over <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The parameters, treated as one flat vector.</param>
    /// <param name="lr">Learning rate (step length scale, ≥ 0).</param>
    /// <param name="maxIter">Maximum iterations per step (≥ 1).</param>
    /// <param name="maxEval">Maximum function evaluations per step (default maxIter·5/4).</param>
    /// <param name="toleranceGrad">Stop when max|g| ≤ this (first-order optimality).</param>
    /// <param name="toleranceChange">Stop when the loss or the parameters change less than this.</param>
    /// <param name="historySize">Number of curvature pairs kept (≥ 1).</param>
    /// <param name="lineSearchFn">null (fixed step) or "strong_wolfe".</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">An unknown line search.</exception>
    public Lbfgs(IEnumerable<Parameter<T>> parameters, double lr = 1, int maxIter = 20, int? maxEval = null, double toleranceGrad = 1e-7,
        double toleranceChange = 1e-9, int historySize = 100, string? lineSearchFn = null)
        : base(new Dictionary<string, double>
        {
            ["lr"] = lr, ["max_iter"] = maxIter, ["max_eval"] = maxEval ?? maxIter * 5 / 4, ["tolerance_grad"] = toleranceGrad,
            ["tolerance_change"] = toleranceChange, ["history_size"] = historySize,
        })
    {
        if (lineSearchFn is not null and not "strong_wolfe")
            throw new ArgumentException($"Only the line search \"strong_wolfe\" (or null) is supported, got \"{lineSearchFn}\".", nameof(lineSearchFn));
        this.lineSearchFn = lineSearchFn;
        AddParamGroups(SingleGroup(parameters));
        this.parameters = [.. ParamGroups[0].Parameters];
    }

    /// <inheritdoc />
    protected override void ValidateGroup(ParamGroup<T> group, int index)
    {
        if (index > 0) throw new ArgumentException("L-BFGS does not support parameter groups (there can be only one).", nameof(group));
        OptimChecks.NonNegative(group, "lr", index);
        if (group["max_iter"] < 1) throw new ArgumentOutOfRangeException("max_iter", group["max_iter"], $"Invalid max_iter: expected ≥ 1, got {group["max_iter"]}.");
        if (group["max_eval"] < 1) throw new ArgumentOutOfRangeException("max_eval", group["max_eval"], $"Invalid max_eval: expected ≥ 1, got {group["max_eval"]}.");
        if (group["history_size"] < 1) throw new ArgumentOutOfRangeException("history_size", group["history_size"], $"Invalid history_size: expected ≥ 1, got {group["history_size"]}.");
        OptimChecks.NonNegative(group, "tolerance_grad", index);
        OptimChecks.NonNegative(group, "tolerance_change", index);
    }

    /// <inheritdoc />
    protected override bool IsFlatState(string name) => true;

    /// <summary>L-BFGS re-evaluates the loss several times per step; call <see cref="Step(Func{Tensor{T}})"/>.</summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public override void Step()
        => throw new InvalidOperationException("L-BFGS needs a closure that re-evaluates the loss: call Step(closure), where the closure zeroes the gradients, computes the loss, calls Backward() and returns the loss.");

    /// <summary>Runs up to <c>max_iter</c> L-BFGS iterations.</summary>
    /// <param name="closure">Zeroes the gradients, computes the loss, calls <c>Backward()</c> and returns the loss (a one-element tensor).</param>
    /// <returns>The loss returned by the first evaluation.</returns>
    public Tensor<T> Step(Func<Tensor<T>> closure)
    {
        ArgumentNullException.ThrowIfNull(closure);
        using var _ = Autograd.NoGrad();
        var g0 = ParamGroups[0];
        T lr = S(g0["lr"]), tolGrad = S(g0["tolerance_grad"]), tolChange = S(g0["tolerance_change"]);
        int maxIter = (int)g0["max_iter"], maxEval = (int)g0["max_eval"], historySize = (int)g0["history_size"];
        var st = StateOf(parameters[0]);
        st.Scalars.TryAdd("func_evals", 0);
        st.Scalars.TryAdd("n_iter", 0);

        var origLoss = Evaluate(closure);
        T loss = origLoss.ToScalar();
        int currentEvals = 1;
        st.Scalars["func_evals"] += 1;
        T[] flatGrad = GatherFlatGrad();
        if (LbfgsMath.AbsMax<T>(flatGrad) <= tolGrad) return origLoss;

        T[]? d = st.Tensors.TryGetValue("d", out var dt) ? dt.ToArray() : null;
        T t = S(st.Scalar("t"));
        var oldDirs = new List<T[]>();
        var oldStps = new List<T[]>();
        var ro = new List<T>();
        int k = (int)st.Scalar("history", 0);
        for (int i = 0; i < k; i++)
        {
            oldDirs.Add(st.Tensor($"old_dirs.{i}").ToArray());
            oldStps.Add(st.Tensor($"old_stps.{i}").ToArray());
            ro.Add(st.Tensor("ro")[i]);
        }
        T hDiag = S(st.Scalar("H_diag", 1));
        T[]? prevFlatGrad = st.Tensors.TryGetValue("prev_flat_grad", out var pg) ? pg.ToArray() : null;
        T prevLoss = S(st.Scalar("prev_loss"));
        var al = new T[historySize];

        int nIter = 0;
        while (nIter < maxIter)
        {
            nIter++;
            double totalIter = st.Scalars["n_iter"] += 1;
            if (totalIter == 1)
            {
                d = Negate(flatGrad);
                oldDirs.Clear(); oldStps.Clear(); ro.Clear();
                hDiag = T.One;
            }
            else
            {
                var y = new T[flatGrad.Length];
                var s = new T[flatGrad.Length];
                for (int i = 0; i < y.Length; i++) { y[i] = flatGrad[i] - prevFlatGrad![i]; s[i] = d![i] * t; }
                T ys = LbfgsMath.Dot<T>(y, s);
                if (ys > S(1e-10))
                {
                    if (oldDirs.Count == historySize) { oldDirs.RemoveAt(0); oldStps.RemoveAt(0); ro.RemoveAt(0); }
                    oldDirs.Add(y); oldStps.Add(s); ro.Add(T.One / ys);
                    hDiag = ys / LbfgsMath.Dot<T>(y, y);
                }
                int numOld = oldDirs.Count;
                var q = Negate(flatGrad);
                for (int i = numOld - 1; i >= 0; i--)
                {
                    al[i] = LbfgsMath.Dot<T>(oldStps[i], q) * ro[i];
                    LbfgsMath.Axpy<T>(q, oldDirs[i], -al[i]);
                }
                var r = new T[q.Length];
                for (int i = 0; i < r.Length; i++) r[i] = q[i] * hDiag;
                for (int i = 0; i < numOld; i++)
                {
                    T be = LbfgsMath.Dot<T>(oldDirs[i], r) * ro[i];
                    LbfgsMath.Axpy<T>(r, oldStps[i], al[i] - be);
                }
                d = r;
            }
            prevFlatGrad = (T[])flatGrad.Clone();
            prevLoss = loss;
            t = totalIter == 1 ? T.Min(T.One, T.One / LbfgsMath.AbsSum<T>(flatGrad)) * lr : lr;
            T gtd = LbfgsMath.Dot<T>(flatGrad, d!);
            if (gtd > -tolChange) break;

            int lsEvals = 0;
            bool optCond = false;
            if (lineSearchFn is not null)
            {
                var xInit = CloneParams();
                var dir = d!;
                (loss, flatGrad, t, lsEvals) = LbfgsMath.StrongWolfe<T>(tt => DirectionalEvaluate(closure, xInit, tt, dir), t, dir, loss, flatGrad, gtd);
                AddGrad(t, dir);
                optCond = LbfgsMath.AbsMax<T>(flatGrad) <= tolGrad;
            }
            else
            {
                AddGrad(t, d!);
                if (nIter != maxIter)
                {
                    loss = Evaluate(closure).ToScalar();
                    flatGrad = GatherFlatGrad();
                    optCond = LbfgsMath.AbsMax<T>(flatGrad) <= tolGrad;
                    lsEvals = 1;
                }
            }
            currentEvals += lsEvals;
            st.Scalars["func_evals"] += lsEvals;
            if (nIter == maxIter || currentEvals >= maxEval || optCond) break;
            T step = T.Zero;
            foreach (var di in d!) step = T.Max(step, T.Abs(di * t));
            if (step <= tolChange) break;
            if (T.Abs(loss - prevLoss) < tolChange) break;
        }

        st.Tensors["d"] = Flat(d!);
        st.Scalars["t"] = double.CreateTruncating(t);
        st.Scalars["H_diag"] = double.CreateTruncating(hDiag);
        st.Scalars["prev_loss"] = double.CreateTruncating(prevLoss);
        st.Tensors["prev_flat_grad"] = Flat(prevFlatGrad!);
        for (int i = 0; i < k; i++) { st.Tensors.Remove($"old_dirs.{i}"); st.Tensors.Remove($"old_stps.{i}"); }
        st.Scalars["history"] = oldDirs.Count;
        for (int i = 0; i < oldDirs.Count; i++) { st.Tensors[$"old_dirs.{i}"] = Flat(oldDirs[i]); st.Tensors[$"old_stps.{i}"] = Flat(oldStps[i]); }
        st.Tensors["ro"] = Flat([.. ro]);
        StepCount++;
        return origLoss;
    }

    private static Tensor<T> Flat(T[] v) => Tensor.FromArray(v, v.Length);

    private static T[] Negate(T[] v)
    {
        var r = new T[v.Length];
        for (int i = 0; i < v.Length; i++) r[i] = -v[i];
        return r;
    }

    private static Tensor<T> Evaluate(Func<Tensor<T>> closure)
    {
        using (Autograd.EnableGrad())
        {
            var loss = closure() ?? throw new InvalidOperationException("The L-BFGS closure returned null; it must return the loss tensor.");
            if (loss.Length != 1) throw new InvalidOperationException($"The L-BFGS closure must return a one-element loss, got shape {Shapes.Format(loss.Shape)}.");
            return loss;
        }
    }

    private T[] GatherFlatGrad()
    {
        int n = 0;
        foreach (var p in parameters) n += p.Length;
        var flat = new T[n];
        int off = 0;
        foreach (var p in parameters)
        {
            if (p.Grad is { } g) g.CopyTo(flat.AsSpan(off, p.Length)); // a missing gradient counts as zeros
            off += p.Length;
        }
        return flat;
    }

    private void AddGrad(T stepSize, T[] update)
    {
        int off = 0;
        foreach (var p in parameters)
        {
            var u = Tensor.FromSpan<T>(update.AsSpan(off, p.Length), p.Shape, p.Value.Device);
            p.Value.AddInPlace(u * stepSize);
            off += p.Length;
        }
    }

    private List<Tensor<T>> CloneParams()
    {
        var list = new List<Tensor<T>>(parameters.Count);
        foreach (var p in parameters) list.Add(p.Value.Clone());
        return list;
    }

    private (T Loss, T[] Grad) DirectionalEvaluate(Func<Tensor<T>> closure, List<Tensor<T>> x, T t, T[] d)
    {
        AddGrad(t, d);
        T loss = Evaluate(closure).ToScalar();
        var grad = GatherFlatGrad();
        for (int i = 0; i < parameters.Count; i++) parameters[i].Value.CopyFrom(x[i]);
        return (loss, grad);
    }
}
