namespace Scratch.ML.Learn.Svm;

/// <summary>The Hessian Q of the dual, one column at a time, with its diagonal and index swapping for shrinking.</summary>
internal abstract class QMatrix
{
    /// <summary>The diagonal Q_ii (in the current position order).</summary>
    public double[] QD { get; protected init; } = [];

    /// <summary>Column i of Q for positions 0 … len − 1 (the array may be longer). Valid until two more calls.</summary>
    public abstract double[] GetQ(int i, int len);

    /// <summary>Swaps positions i and j (the solver's shrinking moves active variables to the front).</summary>
    public abstract void SwapIndex(int i, int j);
}

/// <summary>
/// Kernel values between training rows held in position order (rows are physically swapped with the positions so a
/// column is a contiguous sweep over the data). Large column segments are computed in parallel chunks; every entry
/// is computed by the same routine, so results do not depend on the thread count.
/// </summary>
internal sealed class KernelRows
{
    private const int Chunk = 1024;
    private readonly KernelFunction kernel;
    private readonly int d;
    private readonly double[] x;        // (l, d) rows in position order; unused for a precomputed kernel
    private readonly double[] sq;       // squared norms in position order
    private readonly int[] orig;        // position → row of the precomputed Gram matrix
    private readonly double[]? gram;    // (gramN, gramN) precomputed kernel
    private readonly int gramN;
    private readonly bool single;

    /// <summary>Rows <paramref name="rows"/> of the training data x: (n, d) (or of the Gram matrix when precomputed).</summary>
    /// <remarks>single: round cached values to float32, as libsvm's <c>Qfloat</c> does (used to reproduce libsvm to
    /// the last digits in tests; the diagonal stays float64 as in libsvm).</remarks>
    public KernelRows(KernelFunction kernel, double[] data, int d, int[] rows, bool single = false)
    {
        this.kernel = kernel;
        this.single = single;
        int l = rows.Length;
        orig = (int[])rows.Clone();
        sq = new double[l];
        if (kernel.Kind == SvmKernel.Precomputed)
        {
            this.d = 0;
            x = [];
            gram = data;
            gramN = d;
        }
        else
        {
            this.d = d;
            x = new double[(long)l * d];
            for (int i = 0; i < l; i++) Array.Copy(data, (long)rows[i] * d, x, (long)i * d, d);
            for (int i = 0; i < l; i++) sq[i] = KernelFunction.Dot(x.AsSpan(i * d, d), x.AsSpan(i * d, d));
        }
    }

    /// <summary>k(position i, position j).</summary>
    public double K(int i, int j) => gram is not null
        ? gram[(long)orig[i] * gramN + orig[j]]
        : kernel.FromDot(KernelFunction.Dot(x.AsSpan(i * d, d), x.AsSpan(j * d, d)), sq[i], sq[j]);

    /// <summary>dest[j] = s_i s_j k(i, j) for j in [start, end), s = <paramref name="sign"/> (all +1 when null).</summary>
    public void Fill(int i, int start, int end, double[] dest, double[]? sign)
    {
        int count = end - start;
        if (count <= 0) return;
        if ((long)count * Math.Max(d, 8) < 256 * 1024 || Environment.ProcessorCount == 1) FillRange(i, start, end, dest, sign);
        else
        {
            int chunks = (count + Chunk - 1) / Chunk;
            Parallel.For(0, chunks, c => FillRange(i, start + c * Chunk, Math.Min(end, start + (c + 1) * Chunk), dest, sign));
        }
    }

    private void FillRange(int i, int start, int end, double[] dest, double[]? sign)
    {
        double si = sign is null ? 1 : sign[i];
        if (gram is not null)
        {
            long row = (long)orig[i] * gramN;
            for (int j = start; j < end; j++) dest[j] = Round(si * (sign is null ? 1 : sign[j]) * gram[row + orig[j]]);
            return;
        }
        var xi = x.AsSpan(i * d, d);
        for (int j = start; j < end; j++) dest[j] = KernelFunction.Dot(xi, x.AsSpan(j * d, d));
        kernel.Transform(dest.AsSpan(start, end - start), sq[i], sq.AsSpan(start, end - start));
        if (sign is not null)
            for (int j = start; j < end; j++) dest[j] = si * sign[j] * dest[j];
        if (single)
            for (int j = start; j < end; j++) dest[j] = (float)dest[j];
    }

    private double Round(double v) => single ? (float)v : v;

    /// <summary>Swaps positions i and j.</summary>
    public void Swap(int i, int j)
    {
        if (i == j) return;
        (sq[i], sq[j]) = (sq[j], sq[i]);
        (orig[i], orig[j]) = (orig[j], orig[i]);
        if (d > 0)
        {
            var a = x.AsSpan(i * d, d);
            var b = x.AsSpan(j * d, d);
            Span<double> t = d <= 256 ? stackalloc double[d] : new double[d];
            a.CopyTo(t);
            b.CopyTo(a);
            t.CopyTo(b);
        }
    }
}

/// <summary>Q_ij = y_i y_j k(x_i, x_j) for classification, or k(x_i, x_j) (y ≡ 1) for the one-class problem.</summary>
internal sealed class ClassificationQ : QMatrix
{
    private readonly KernelRows rows;
    private readonly double[] y;
    private readonly KernelCache cache;

    public ClassificationQ(KernelRows rows, double[] y, long cacheDoubles)
    {
        this.rows = rows;
        this.y = (double[])y.Clone();
        int l = y.Length;
        cache = new KernelCache(l, cacheDoubles);
        var qd = new double[l];
        for (int i = 0; i < l; i++) qd[i] = rows.K(i, i);
        QD = qd;
    }

    public override double[] GetQ(int i, int len)
    {
        int start = cache.GetData(i, len, out var column);
        if (start < len) rows.Fill(i, start, len, column, y);
        return column;
    }

    public override void SwapIndex(int i, int j)
    {
        cache.SwapIndex(i, j);
        rows.Swap(i, j);
        (y[i], y[j]) = (y[j], y[i]);
        (QD[i], QD[j]) = (QD[j], QD[i]);
    }
}

/// <summary>
/// The 2l × 2l Hessian of ε-SVR: variables k and k + l both refer to sample k with signs +1 and −1, so
/// Q_ab = s_a s_b k(x_a mod l, x_b mod l). The cache holds full kernel columns of the l samples (which never move);
/// swapping only permutes the sign and index maps.
/// </summary>
internal sealed class RegressionQ : QMatrix
{
    private readonly KernelRows rows;
    private readonly KernelCache cache;
    private readonly int l;
    private readonly double[] sign;
    private readonly int[] index;
    private readonly double[][] buffer;
    private int nextBuffer;

    public RegressionQ(KernelRows rows, int l, long cacheDoubles)
    {
        this.rows = rows;
        this.l = l;
        cache = new KernelCache(l, cacheDoubles);
        sign = new double[2 * l];
        index = new int[2 * l];
        var qd = new double[2 * l];
        for (int k = 0; k < l; k++)
        {
            sign[k] = 1;
            sign[k + l] = -1;
            index[k] = k;
            index[k + l] = k;
            qd[k] = qd[k + l] = rows.K(k, k);
        }
        QD = qd;
        buffer = [new double[2 * l], new double[2 * l]];
    }

    public override double[] GetQ(int i, int len)
    {
        int real = index[i];
        if (cache.GetData(real, l, out var column) < l) rows.Fill(real, 0, l, column, null);
        var buf = buffer[nextBuffer];
        nextBuffer = 1 - nextBuffer;
        double si = sign[i];
        for (int j = 0; j < len; j++) buf[j] = si * sign[j] * column[index[j]];   // (libsvm also rounds this product; ±1 · float is exact)
        return buf;
    }

    public override void SwapIndex(int i, int j)
    {
        (sign[i], sign[j]) = (sign[j], sign[i]);
        (index[i], index[j]) = (index[j], index[i]);
        (QD[i], QD[j]) = (QD[j], QD[i]);
    }
}
