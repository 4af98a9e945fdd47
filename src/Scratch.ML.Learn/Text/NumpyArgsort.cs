namespace Scratch.ML.Learn.Text;

/// <summary>
/// A port of NumPy 1.24's default <c>argsort</c> (<c>kind="quicksort"</c>: introsort with median-of-three pivots,
/// insertion sort below 17 elements, heapsort past the depth limit), used so that ties are broken exactly as
/// scikit-learn's <c>max_features</c> breaks them. It is not stable for more than 16 elements.
/// </summary>
internal static class NumpyArgsort
{
    private const int SmallQuicksort = 15;

    /// <summary>The permutation that sorts <paramref name="v"/> ascending, as <c>np.argsort(v)</c>.</summary>
    public static int[] Argsort(long[] v)
    {
        var a = Enumerable.Range(0, v.Length).ToArray();
        if (v.Length < 2) return a;
        var stack = new Stack<(int L, int R, int Depth)>();
        int pl = 0, pr = v.Length - 1, cdepth = 2 * MostSignificantBit(v.Length);
        while (true)
        {
            if (cdepth < 0) Heapsort(v, a, pl, pr - pl + 1);
            else
            {
                while (pr - pl > SmallQuicksort)
                {
                    int pm = pl + ((pr - pl) >> 1);
                    if (v[a[pm]] < v[a[pl]]) Swap(a, pm, pl);
                    if (v[a[pr]] < v[a[pm]]) Swap(a, pr, pm);
                    if (v[a[pm]] < v[a[pl]]) Swap(a, pm, pl);
                    long vp = v[a[pm]];
                    int pi = pl, pj = pr - 1;
                    Swap(a, pm, pj);
                    while (true)
                    {
                        do ++pi; while (v[a[pi]] < vp);
                        do --pj; while (vp < v[a[pj]]);
                        if (pi >= pj) break;
                        Swap(a, pi, pj);
                    }
                    Swap(a, pi, pr - 1);
                    --cdepth;
                    if (pi - pl < pr - pi)
                    {
                        stack.Push((pi + 1, pr, cdepth));
                        pr = pi - 1;
                    }
                    else
                    {
                        stack.Push((pl, pi - 1, cdepth));
                        pl = pi + 1;
                    }
                }
                for (int pi = pl + 1; pi <= pr; ++pi)
                {
                    int vi = a[pi];
                    long vp = v[vi];
                    int pj = pi;
                    while (pj > pl && vp < v[a[pj - 1]])
                    {
                        a[pj] = a[pj - 1];
                        pj--;
                    }
                    a[pj] = vi;
                }
            }
            if (stack.Count == 0) break;
            (pl, pr, cdepth) = stack.Pop();
        }
        return a;
    }

    private static int MostSignificantBit(int n)
    {
        int depth = 0;
        while ((n >>= 1) != 0) depth++;
        return depth;
    }

    private static void Swap(int[] a, int i, int j) => (a[i], a[j]) = (a[j], a[i]);

    // NumPy's aheapsort on a[start .. start + n), 1-based heap indexing.
    private static void Heapsort(long[] v, int[] a, int start, int n)
    {
        int At(int k) => a[start + k - 1];
        void Set(int k, int value) => a[start + k - 1] = value;
        int i, j, tmp;
        for (int l = n >> 1; l > 0; --l)
        {
            tmp = At(l);
            for (i = l, j = l << 1; j <= n;)
            {
                if (j < n && v[At(j)] < v[At(j + 1)]) j++;
                if (v[tmp] < v[At(j)]) { Set(i, At(j)); i = j; j += j; }
                else break;
            }
            Set(i, tmp);
        }
        for (; n > 1;)
        {
            tmp = At(n);
            Set(n, At(1));
            n--;
            for (i = 1, j = 2; j <= n;)
            {
                if (j < n && v[At(j)] < v[At(j + 1)]) j++;
                if (v[tmp] < v[At(j)]) { Set(i, At(j)); i = j; j += j; }
                else break;
            }
            Set(i, tmp);
        }
    }
}
