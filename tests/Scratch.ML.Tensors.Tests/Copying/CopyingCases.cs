namespace Scratch.ML.Tests.Copying;

/// <summary>The case tables shared by the copying tests: shape × layout × axis, with the dtype cycling per row.</summary>
public static class CopyingCases
{
    /// <summary>(shape, layout, dtype, axis) for every shape of rank ≥ 1, every layout and every axis.</summary>
    public static IEnumerable<object[]> ShapeLayoutAxis()
    {
        int row = 0;
        foreach (var shape in TestTensors.Shapes)
        {
            if (shape.Length == 0) continue;
            foreach (var layout in TestTensors.Layouts)
                for (int axis = -1; axis < shape.Length; axis++)
                    yield return [shape, layout, TestTensors.DTypes[row++ % TestTensors.DTypes.Length], axis];
        }
    }

    /// <summary>(shape, layout, dtype) for every shape (including 0-d) and layout.</summary>
    public static IEnumerable<object[]> ShapeLayout()
    {
        int row = 0;
        foreach (var shape in TestTensors.Shapes)
            foreach (var layout in TestTensors.Layouts)
                yield return [shape, layout, TestTensors.DTypes[row++ % TestTensors.DTypes.Length]];
    }

    /// <summary>Every dtype, for the per-dtype smoke rows.</summary>
    public static IEnumerable<object[]> AllDTypes() => TestTensors.DTypes.Select(d => new object[] { d });
}
