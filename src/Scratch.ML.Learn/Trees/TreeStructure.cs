using System.Numerics;
using Scratch.ML.Serialization;

namespace Scratch.ML.Learn.Trees;

/// <summary>
/// A fitted binary decision tree stored as parallel arrays indexed by node id (scikit-learn's <c>tree_</c>): node 0
/// is the root and every child has a larger id than its parent, so the arrays describe an acyclic tree by
/// construction. It is the one tree form shared by CART, forests, gradient boosting (classic and histogram) and the
/// tree algorithms that only walk trees (TreeSHAP, partial dependence by recursion, text and DOT export, pruning).
/// </summary>
/// <remarks>
/// <para>Routing a sample at an internal node n with feature f = <see cref="Feature"/>[n] and value v = x[f]:
/// v is NaN → left when <see cref="MissingGoesLeft"/>[n], else right; a numeric node sends v ≤ <see cref="Threshold"/>[n]
/// left; a categorical node (<see cref="IsCategorical"/>) sends v left when it is an integer in [0, 256) whose bit is set
/// in the node's 256-bit set, and right otherwise (unknown categories go right).</para>
/// <para>Comparisons are made in float64. Features of a float32 model convert to float64 exactly, and the growers
/// choose thresholds between two observed feature values, so both element types route identically.</para>
/// <para>Node values (<see cref="Value"/>) hold <see cref="ValueWidth"/> numbers per node: the prediction of a leaf
/// if the tree were cut there — class probabilities for a classifier (outputs × classes, each output's block sums to
/// 1), the mean target for a regressor, the raw additive score for a boosting stage.</para>
/// </remarks>
public sealed class TreeStructure
{
    /// <summary>The child id stored for a leaf (<see cref="LeftChild"/> and <see cref="RightChild"/>).</summary>
    public const int NoChild = -1;

    /// <summary>Categories a categorical node can route: 0 … 255 (scikit-learn's histogram gradient boosting limit).</summary>
    public const int MaxCategories = 256;

    private const int BitsetWords = MaxCategories / 32;
    private readonly int[] left, right, feature, samples, categoryOffset;
    private readonly double[] threshold, impurity, weighted, values;
    private readonly bool[] missingLeft;
    private readonly uint[] bitsets;

    /// <summary>
    /// Builds a tree from its node arrays (each of length NodeCount; <paramref name="values"/> of length
    /// NodeCount × <paramref name="valueWidth"/>), validating that they describe one binary tree rooted at node 0.
    /// The arrays are taken, not copied: do not change them afterwards.
    /// </summary>
    /// <param name="featureCount">Features of the input the tree routes (d ≥ 1).</param>
    /// <param name="valueWidth">Numbers stored per node (≥ 1).</param>
    /// <param name="leftChild">Left child id, or <see cref="NoChild"/> for a leaf.</param>
    /// <param name="rightChild">Right child id, or <see cref="NoChild"/> for a leaf.</param>
    /// <param name="feature">Split feature (0 ≤ f &lt; d) of an internal node; ignored (store −2 like scikit-learn) at a leaf.</param>
    /// <param name="threshold">Numeric split threshold (v ≤ t goes left); ignored at leaves and categorical nodes.</param>
    /// <param name="missingGoesLeft">Where NaN goes at each internal node.</param>
    /// <param name="impurity">Node impurity under the grower's criterion (reported, used by pruning and importances).</param>
    /// <param name="sampleCount">Training samples that reached the node.</param>
    /// <param name="weightedSampleCount">Their total sample weight (the node's "cover" for TreeSHAP), ≥ 0.</param>
    /// <param name="values">Node values, row-major (NodeCount, <paramref name="valueWidth"/>).</param>
    /// <param name="categoryBitsets">
    /// Optional: for categorical nodes, 8 words (256 bits, bit c of word c/32 = category c goes left) per categorical
    /// node, concatenated; null when no node is categorical.
    /// </param>
    /// <param name="categoryOffset">Optional with <paramref name="categoryBitsets"/>: per node, the index of its first word, or −1 for a numeric node.</param>
    /// <exception cref="ArgumentException">The arrays disagree in length, or do not describe a binary tree rooted at 0.</exception>
    public TreeStructure(int featureCount, int valueWidth, int[] leftChild, int[] rightChild, int[] feature, double[] threshold,
        bool[] missingGoesLeft, double[] impurity, int[] sampleCount, double[] weightedSampleCount, double[] values,
        uint[]? categoryBitsets = null, int[]? categoryOffset = null)
    {
        ArgumentNullException.ThrowIfNull(leftChild);
        ArgumentNullException.ThrowIfNull(rightChild);
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(threshold);
        ArgumentNullException.ThrowIfNull(missingGoesLeft);
        ArgumentNullException.ThrowIfNull(impurity);
        ArgumentNullException.ThrowIfNull(sampleCount);
        ArgumentNullException.ThrowIfNull(weightedSampleCount);
        ArgumentNullException.ThrowIfNull(values);
        if (featureCount < 1) throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "A tree routes at least one feature.");
        if (valueWidth < 1) throw new ArgumentOutOfRangeException(nameof(valueWidth), valueWidth, "A node stores at least one value.");
        int m = leftChild.Length;
        if (m < 1) throw new ArgumentException("A tree has at least one node (the root).", nameof(leftChild));
        foreach (var (name, len) in new[] { ("rightChild", rightChild.Length), ("feature", feature.Length), ("threshold", threshold.Length),
                     ("missingGoesLeft", missingGoesLeft.Length), ("impurity", impurity.Length), ("sampleCount", sampleCount.Length),
                     ("weightedSampleCount", weightedSampleCount.Length) })
            if (len != m) throw new ArgumentException($"TreeStructure: {name} has {len} entries, expected one per node ({m}).", name);
        if (values.Length != (long)m * valueWidth)
            throw new ArgumentException($"TreeStructure: values has {values.Length} entries, expected nodes × width = {m} × {valueWidth}.", nameof(values));
        if ((categoryBitsets is null) != (categoryOffset is null))
            throw new ArgumentException("TreeStructure: categoryBitsets and categoryOffset come together.", nameof(categoryOffset));
        if (categoryOffset is not null && categoryOffset.Length != m)
            throw new ArgumentException($"TreeStructure: categoryOffset has {categoryOffset.Length} entries, expected {m}.", nameof(categoryOffset));

        var parents = new int[m];
        for (int n = 0; n < m; n++)
        {
            bool leaf = leftChild[n] == NoChild;
            if (leaf != (rightChild[n] == NoChild))
                throw new ArgumentException($"TreeStructure: node {n} has one child; a node has two children or none.", nameof(rightChild));
            if (!(weightedSampleCount[n] >= 0) || sampleCount[n] < 0)
                throw new ArgumentException($"TreeStructure: node {n} has sample count {sampleCount[n]} and weight {weightedSampleCount[n]}; both must be ≥ 0.", nameof(weightedSampleCount));
            // checked at every node (CategoryGoesLeft reads any node's set), without overflowing off + 8
            int off = categoryOffset?[n] ?? -1;
            if (off < -1 || (off >= 0 && off > categoryBitsets!.Length - BitsetWords))
                throw new ArgumentException($"TreeStructure: node {n} has category offset {off}, outside the {categoryBitsets?.Length ?? 0}-word bitset pool.", nameof(categoryOffset));
            if (leaf) continue;
            foreach (int c in (ReadOnlySpan<int>)[leftChild[n], rightChild[n]])
            {
                if (c <= n || c >= m)
                    throw new ArgumentException($"TreeStructure: node {n} has child {c}; children must have larger ids than their parent and be < {m}.", nameof(leftChild));
                if (parents[c]++ != 0)
                    throw new ArgumentException($"TreeStructure: node {c} has two parents.", nameof(leftChild));
            }
            if (feature[n] < 0 || feature[n] >= featureCount)
                throw new ArgumentException($"TreeStructure: node {n} splits on feature {feature[n]}, outside 0…{featureCount - 1}.", nameof(feature));
            if (off < 0 && double.IsNaN(threshold[n]))
                throw new ArgumentException($"TreeStructure: numeric node {n} has a NaN threshold.", nameof(threshold));
        }
        for (int n = 1; n < m; n++)
            if (parents[n] != 1) throw new ArgumentException($"TreeStructure: node {n} is not reachable from the root.", nameof(leftChild));

        FeatureCount = featureCount;
        ValueWidth = valueWidth;
        left = leftChild;
        right = rightChild;
        this.feature = feature;
        this.threshold = threshold;
        missingLeft = missingGoesLeft;
        this.impurity = impurity;
        samples = sampleCount;
        weighted = weightedSampleCount;
        this.values = values;
        bitsets = categoryBitsets ?? [];
        this.categoryOffset = categoryOffset ?? [];
        (MaxDepth, LeafCount) = Shape();
    }

    /// <summary>Number of nodes (internal and leaves).</summary>
    public int NodeCount => left.Length;

    /// <summary>Features of the input the tree routes.</summary>
    public int FeatureCount { get; }

    /// <summary>Numbers stored per node in <see cref="Value"/>.</summary>
    public int ValueWidth { get; }

    /// <summary>Depth of the deepest leaf (a lone root has depth 0).</summary>
    public int MaxDepth { get; }

    /// <summary>Number of leaves.</summary>
    public int LeafCount { get; }

    /// <summary>Left child ids (<see cref="NoChild"/> at leaves): (NodeCount).</summary>
    public ReadOnlySpan<int> LeftChild => left;

    /// <summary>Right child ids (<see cref="NoChild"/> at leaves): (NodeCount).</summary>
    public ReadOnlySpan<int> RightChild => right;

    /// <summary>Split feature per node (meaningless at leaves): (NodeCount).</summary>
    public ReadOnlySpan<int> Feature => feature;

    /// <summary>Numeric split thresholds (v ≤ t goes left): (NodeCount).</summary>
    public ReadOnlySpan<double> Threshold => threshold;

    /// <summary>Where NaN goes at each internal node: (NodeCount).</summary>
    public ReadOnlySpan<bool> MissingGoesLeft => missingLeft;

    /// <summary>Node impurity under the training criterion: (NodeCount).</summary>
    public ReadOnlySpan<double> Impurity => impurity;

    /// <summary>Training samples per node: (NodeCount).</summary>
    public ReadOnlySpan<int> SampleCount => samples;

    /// <summary>Total training sample weight per node (TreeSHAP's cover): (NodeCount).</summary>
    public ReadOnlySpan<double> WeightedSampleCount => weighted;

    /// <summary>All node values, row-major (NodeCount, <see cref="ValueWidth"/>).</summary>
    public ReadOnlySpan<double> Values => values;

    /// <summary>Whether any node splits on categories.</summary>
    public bool HasCategoricalSplits => bitsets.Length > 0;

    /// <summary>Whether <paramref name="node"/> is a leaf.</summary>
    public bool IsLeaf(int node) => left[node] == NoChild;

    /// <summary>Whether <paramref name="node"/> splits on a category set rather than a threshold.</summary>
    public bool IsCategorical(int node) => categoryOffset.Length > 0 && categoryOffset[node] >= 0;

    /// <summary>The <see cref="ValueWidth"/> values of <paramref name="node"/>.</summary>
    public ReadOnlySpan<double> Value(int node) => values.AsSpan(node * ValueWidth, ValueWidth);

    /// <summary>Whether category <paramref name="category"/> (0 … 255) goes left at categorical node <paramref name="node"/>.</summary>
    public bool CategoryGoesLeft(int node, int category)
    {
        if (!IsCategorical(node)) throw new ArgumentException($"Node {node} is not a categorical split.", nameof(node));
        return (uint)category < MaxCategories && (bitsets[categoryOffset[node] + (category >> 5)] & (1u << (category & 31))) != 0;
    }

    /// <summary>Whether a sample whose split feature has value <paramref name="v"/> goes to the left child of internal <paramref name="node"/>.</summary>
    public bool GoesLeft(int node, double v)
    {
        if (double.IsNaN(v)) return missingLeft[node];
        if (categoryOffset.Length == 0 || categoryOffset[node] < 0) return v <= threshold[node];
        if (!(v >= 0 && v < MaxCategories) || v != Math.Floor(v)) return false;
        int c = (int)v;
        return (bitsets[categoryOffset[node] + (c >> 5)] & (1u << (c & 31))) != 0;
    }

    /// <summary>The child of internal <paramref name="node"/> that a sample with feature values <paramref name="row"/> goes to.</summary>
    public int Next(int node, ReadOnlySpan<double> row) => GoesLeft(node, row[feature[node]]) ? left[node] : right[node];

    /// <summary>The leaf a sample with feature values <paramref name="row"/> (length d) reaches.</summary>
    public int Apply(ReadOnlySpan<double> row)
    {
        int n = 0;
        while (left[n] != NoChild) n = GoesLeft(n, row[feature[n]]) ? left[n] : right[n];
        return n;
    }

    /// <summary>
    /// The leaf each row of <paramref name="x"/> (n, d) reaches: (n). Rows are routed in parallel blocks (at most
    /// <see cref="Parallelism.MaxThreads"/> threads), straight from x's storage; a tree without category sets takes a
    /// branch-light path (v ≤ t left, otherwise right unless v is NaN and missing values go left).
    /// </summary>
    /// <exception cref="ArgumentException">x is not 2-d with <see cref="FeatureCount"/> columns.</exception>
    public int[] Apply<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2 || x.Shape[1] != FeatureCount)
            throw new ArgumentException($"TreeStructure: x must have shape (n, {FeatureCount}), got {Shapes.Format(x.Shape)}.", nameof(x));
        int n = x.Shape[0];
        var data = x.Contiguous();
        var leaves = new int[n];
        const int block = 2048;
        int blocks = (n + block - 1) / block;
        if (blocks <= 1 || Parallelism.MaxThreads <= 1)
            ApplyRows(data.AsSpan(), 0, n, leaves);
        else
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = Parallelism.MaxThreads },
                b => ApplyRows(data.AsSpan(), b * block, Math.Min(n, (b + 1) * block), leaves));
        return leaves;
    }

    /// <summary>Routes rows [start, end) of row-major <paramref name="x"/> (·, d) into <paramref name="leaves"/>.</summary>
    internal void ApplyRows<T>(ReadOnlySpan<T> x, int start, int end, int[] leaves) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int d = FeatureCount;
        if (bitsets.Length > 0)
        {
            Span<double> row = d <= 256 ? stackalloc double[d] : new double[d];
            for (int i = start; i < end; i++)
            {
                var src = x.Slice(i * d, d);
                for (int j = 0; j < d; j++) row[j] = double.CreateTruncating(src[j]);
                leaves[i] = Apply(row);
            }
            return;
        }
        int[] l = left, r = right, f = feature;
        double[] t = threshold;
        bool[] ml = missingLeft;
        for (int i = start; i < end; i++)
        {
            var row = x.Slice(i * d, d);
            int node = 0;
            while (l[node] != NoChild)
            {
                double v = double.CreateTruncating(row[f[node]]);
                node = v <= t[node] ? l[node] : (double.IsNaN(v) && ml[node] ? l[node] : r[node]);
            }
            leaves[i] = node;
        }
    }

    /// <summary>A copy of this tree with other node values (row-major (NodeCount, <paramref name="valueWidth"/>)), e.g. boosting's Newton leaf updates.</summary>
    public TreeStructure WithValues(double[] newValues, int valueWidth)
    {
        ArgumentNullException.ThrowIfNull(newValues);
        return new TreeStructure(FeatureCount, valueWidth, left, right, feature, threshold, missingLeft, impurity, samples, weighted, newValues,
            bitsets.Length == 0 ? null : bitsets, categoryOffset.Length == 0 ? null : categoryOffset);
    }

    /// <summary>Adds this tree's arrays to <paramref name="tensors"/> under names starting with <paramref name="prefix"/>.</summary>
    public void AddTo(IDictionary<string, SafeTensorValue> tensors, string prefix)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        tensors[prefix + "left"] = Tensor.FromArray(left, left.Length);
        tensors[prefix + "right"] = Tensor.FromArray(right, right.Length);
        tensors[prefix + "feature"] = Tensor.FromArray(feature, feature.Length);
        tensors[prefix + "threshold"] = Tensor.FromArray(threshold, threshold.Length);
        tensors[prefix + "missing_left"] = Tensor.FromArray(missingLeft, missingLeft.Length);
        tensors[prefix + "impurity"] = Tensor.FromArray(impurity, impurity.Length);
        tensors[prefix + "samples"] = Tensor.FromArray(samples, samples.Length);
        tensors[prefix + "weighted_samples"] = Tensor.FromArray(weighted, weighted.Length);
        tensors[prefix + "values"] = Tensor.FromArray(values, NodeCount, ValueWidth);
        tensors[prefix + "shape"] = Tensor.FromArray(new[] { FeatureCount, ValueWidth }, 2);
        if (bitsets.Length > 0)
        {
            tensors[prefix + "category_offset"] = Tensor.FromArray(categoryOffset, categoryOffset.Length);
            tensors[prefix + "category_bitsets"] = Tensor.FromArray(bitsets.Select(b => unchecked((int)b)).ToArray(), bitsets.Length);
        }
    }

    /// <summary>Reads a tree written by <see cref="AddTo"/> from <paramref name="file"/>, validating it like the constructor.</summary>
    /// <exception cref="InvalidDataException">An entry is missing, of the wrong type or shape, or the arrays do not form a tree.</exception>
    public static TreeStructure Read(SafeTensorsFile file, string prefix)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            var shape = Get<int>(file, prefix + "shape");
            if (shape.Length != 2) throw new InvalidDataException($"Tree \"{prefix}\": shape entry must hold 2 numbers.");
            int[]? offsets = null;
            uint[]? words = null;
            if (file.Contains(prefix + "category_offset"))
            {
                offsets = Get<int>(file, prefix + "category_offset");
                words = Get<int>(file, prefix + "category_bitsets").Select(w => unchecked((uint)w)).ToArray();
            }
            return new TreeStructure(shape[0], shape[1], Get<int>(file, prefix + "left"), Get<int>(file, prefix + "right"),
                Get<int>(file, prefix + "feature"), Get<double>(file, prefix + "threshold"), Get<bool>(file, prefix + "missing_left"),
                Get<double>(file, prefix + "impurity"), Get<int>(file, prefix + "samples"), Get<double>(file, prefix + "weighted_samples"),
                Get<double>(file, prefix + "values"), words, offsets);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or KeyNotFoundException or SafeTensorsFormatException)
        {
            throw new InvalidDataException($"Tree \"{prefix}\" in the file is invalid: {e.Message}", e);
        }
    }

    private static T[] Get<T>(SafeTensorsFile file, string name) where T : unmanaged
    {
        if (!file.Contains(name)) throw new InvalidDataException($"The file has no tensor \"{name}\".");
        return file.Get<T>(name).ToArray();
    }

    private (int Depth, int Leaves) Shape()
    {
        var depth = new int[NodeCount];
        int max = 0, leaves = 0;
        for (int n = 0; n < NodeCount; n++)
        {
            if (left[n] == NoChild) { leaves++; max = Math.Max(max, depth[n]); continue; }
            depth[left[n]] = depth[right[n]] = depth[n] + 1;
        }
        return (max, leaves);
    }
}
