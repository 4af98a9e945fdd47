namespace Scratch.ML;

/// <summary>
/// The backward walk: count how many consumers each reachable node has, then run nodes whose gradients are complete,
/// latest-created first (a deterministic topological order), summing the gradients that meet at a node.
/// </summary>
internal static class BackwardEngine
{
    /// <summary>
    /// Propagates <paramref name="rootGrads"/> from <paramref name="roots"/>. With <paramref name="targets"/> null the
    /// leaves accumulate into <c>Grad</c>; otherwise the gradients arriving at the targets are returned (one per target)
    /// and leaves are left untouched.
    /// </summary>
    public static object?[]? Run(GradNode[] roots, object[] rootGrads, bool retainGraph, bool createGraph, GradNode[]? targets)
    {
        // The walk's collections are reused across passes on this thread (a training step allocates none of them);
        // a nested pass (a backward inside a VJP) finds the slot empty and uses its own.
        var work = cachedWork ?? new Workspace();
        cachedWork = null;
        try
        {
            return Run(work, roots, rootGrads, retainGraph, createGraph, targets);
        }
        finally
        {
            work.Clear(); // drops every node and gradient reference before the workspace is parked
            cachedWork = work;
        }
    }

    [ThreadStatic] private static Workspace? cachedWork;

    /// <summary>The collections of one backward walk, cleared (capacity kept) between passes.</summary>
    private sealed class Workspace
    {
        public readonly Dictionary<GradNode, int> Dependencies = new(ReferenceEqualityComparer.Instance);
        public readonly Stack<GradNode> Stack = new();
        public readonly Dictionary<GradNode, object> Pending = new(ReferenceEqualityComparer.Instance);
        public readonly PriorityQueue<GradNode, long> Ready = new();

        public void Clear()
        {
            Dependencies.Clear();
            Stack.Clear();
            Pending.Clear();
            Ready.Clear();
        }
    }

    private static object?[]? Run(Workspace work, GradNode[] roots, object[] rootGrads, bool retainGraph, bool createGraph, GradNode[]? targets)
    {
        // 1. Reachable nodes and, for each, how many edges point at it.
        var dependencies = work.Dependencies;
        var stack = work.Stack;
        foreach (var r in roots)
            if (dependencies.TryAdd(r, 0)) stack.Push(r);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            foreach (var n in node.Next)
            {
                if (n is null) continue;
                if (dependencies.TryGetValue(n, out int d)) dependencies[n] = d + 1;
                else { dependencies[n] = 1; stack.Push(n); }
            }
        }

        // 2. With targets, only nodes from which some target is reachable need to run.
        HashSet<GradNode>? needed = null;
        Dictionary<GradNode, int>? targetIndex = null;
        if (targets is not null)
        {
            targetIndex = new(ReferenceEqualityComparer.Instance);
            for (int i = 0; i < targets.Length; i++) targetIndex.TryAdd(targets[i], i);
            needed = NodesReaching(dependencies.Keys, targetIndex);
        }

        var pending = work.Pending;
        for (int i = 0; i < roots.Length; i++) Accumulate(pending, roots[i], rootGrads[i]);
        var ready = work.Ready;
        foreach (var r in roots)
            if (dependencies[r] == 0 && !Contains(ready, r)) ready.Enqueue(r, -r.Sequence);

        var captured = targets is null ? null : new object?[targets.Length];
        using (createGraph ? Autograd.EnableGrad() : Autograd.NoGrad())
        {
            while (ready.Count > 0)
            {
                var node = ready.Dequeue();
                if (!pending.Remove(node, out var grad)) continue;
                node.RetainHook?.Invoke(grad);
                if (targetIndex is not null && targetIndex.ContainsKey(node))
                {
                    for (int i = 0; i < targets!.Length; i++)
                        if (ReferenceEquals(targets[i], node)) { node.MarkShared(grad); captured![i] = grad; }
                }
                // With targets, a node runs only if some target lies below it; leaves are captured, never accumulated.
                bool run = needed is null || LeadsToTarget(node, needed);
                object?[] inputGrads = run ? node.Apply(grad, createGraph) : [];
                if (!retainGraph && run) node.Release();
                for (int i = 0; i < inputGrads.Length; i++)
                {
                    var n = node.Next[i];
                    if (n is null) continue;
                    if (inputGrads[i] is { } gi) Accumulate(pending, n, gi);
                    if (--dependencies[n] == 0) ready.Enqueue(n, -n.Sequence);
                }
                if (!run)
                    foreach (var n in node.Next)
                        if (n is not null && --dependencies[n] == 0) ready.Enqueue(n, -n.Sequence);
            }
        }
        return captured;
    }

    private static bool Contains(PriorityQueue<GradNode, long> queue, GradNode node)
    {
        foreach (var (n, _) in queue.UnorderedItems) if (ReferenceEquals(n, node)) return true;
        return false;
    }

    private static void Accumulate(Dictionary<GradNode, object> pending, GradNode node, object grad)
        => pending[node] = pending.TryGetValue(node, out var existing) ? node.Add(existing, grad) : grad;

    /// <summary>The nodes from which at least one target can be reached (targets included).</summary>
    private static HashSet<GradNode> NodesReaching(IEnumerable<GradNode> nodes, Dictionary<GradNode, int> targets)
    {
        var memo = new Dictionary<GradNode, bool>(ReferenceEqualityComparer.Instance);
        var result = new HashSet<GradNode>(ReferenceEqualityComparer.Instance);
        foreach (var start in nodes)
        {
            // Iterative post-order DFS (graphs can be thousands of nodes deep).
            var stack = new Stack<(GradNode Node, int Child)>();
            if (memo.ContainsKey(start)) continue;
            stack.Push((start, 0));
            while (stack.Count > 0)
            {
                var (node, child) = stack.Pop();
                if (child < node.Next.Length)
                {
                    stack.Push((node, child + 1));
                    var n = node.Next[child];
                    if (n is not null && !memo.ContainsKey(n)) stack.Push((n, 0));
                    continue;
                }
                bool reaches = targets.ContainsKey(node);
                foreach (var n in node.Next)
                    if (n is not null && memo.TryGetValue(n, out bool r) && r) reaches = true;
                memo[node] = reaches;
                if (reaches) result.Add(node);
            }
        }
        return result;
    }

    private static bool LeadsToTarget(GradNode node, HashSet<GradNode> needed)
    {
        foreach (var n in node.Next)
            if (n is not null && needed.Contains(n)) return true;
        return false;
    }
}
