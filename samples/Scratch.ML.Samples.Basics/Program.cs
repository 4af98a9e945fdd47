// A guided tour of the tensor layer of Scratch.ML. Run it with
//
//     dotnet run -c Release --project samples/Scratch.ML.Samples.Basics
//
// and read the output next to this file: every section prints what it does and why.
// The guide for contributors is docs/architecture.md; the tensor model is explained there in detail.

using Scratch.ML;

Section("1. Creating tensors");
// A tensor is a view of a flat storage buffer: shape, strides (in elements) and an offset into the storage.
var x = Tensor.Arange(0.0, 6.0, 1.0).Reshape(2, 3);
Show("x = Arange(0, 6).Reshape(2, 3)", x);
Explain($"shape ({x.Size(0)}, {x.Size(1)}), strides ({x.Strides[0]}, {x.Strides[1]}): one step along axis 0 skips a whole row of 3 elements.");
Show("Tensor.FromArray(new double[,] { { 1, 2 }, { 3, 4 } })", Tensor.FromArray(new double[,] { { 1, 2 }, { 3, 4 } }));
Show("Tensor.Linspace(0.0, 1.0, 5)", Tensor.Linspace(0.0, 1.0, 5));
Show("Tensor.Eye<double>(3)", Tensor.Eye<double>(3));
Show("Tensor.Full(7f, 2, 2)  (float32)", Tensor.Full(7f, 2, 2));

Section("2. Views share storage");
// Transposing, slicing and selecting never copy: they make a new (shape, strides, offset) over the same storage.
var t = x.MT;
Show("t = x.MT (swap the last two axes)", t);
Explain($"t has strides ({t.Strides[0]}, {t.Strides[1]}) and is contiguous: {t.IsContiguous}; same storage as x: {ReferenceEquals(t.Storage, x.Storage)}.");
var row = x.Select(0, 1);
row.CopyFrom(Tensor.Full(-1.0, 3));
Show("after x.Select(0, 1).CopyFrom(Full(-1, 3)), x is", x);
Explain("writing through the row view changed x itself.");
var data = new[] { 1.0, 2.0, 3.0, 4.0 };
var wrapped = Tensor.Wrap(data, 2, 2);
data[3] = 40.0;
Show("Tensor.Wrap(array, 2, 2) after array[3] = 40", wrapped);
Explain("Wrap shares a .NET array without copying (FromArray copies).");

Section("3. Slices with steps, including negative ones");
var v = Tensor.Arange(0.0, 10.0, 1.0);
Show("v = Arange(0, 10)", v);
Show("v[TensorIndex.Slice(1, null, 3)]   (NumPy v[1::3])", v[TensorIndex.Slice(1, null, 3)]);
var reversed = v[TensorIndex.Slice(null, null, -1)];
Show("v[TensorIndex.Slice(null, null, -1)]   (NumPy v[::-1])", reversed);
Explain($"the reversed view has stride {reversed.Strides[0]} and offset {reversed.Offset}: it walks the storage backwards.");
var m = Tensor.Arange(0.0, 12.0, 1.0).Reshape(3, 4);
Show("m = Arange(0, 12).Reshape(3, 4)", m);
Show("m[1.., TensorIndex.Slice(null, null, -2)]   (rows 1.., every 2nd column from the end)", m[1.., TensorIndex.Slice(null, null, -2)]);
Explain($"m[TensorIndex.Ellipsis, TensorIndex.NewAxis] has shape ({string.Join(", ", m[TensorIndex.Ellipsis, TensorIndex.NewAxis].ShapeArray())}): NewAxis inserts a size-1 axis.");
Show("m.Diagonal()", m.Diagonal());

Section("4. Reshape views when it can, copies when it must");
var mt = m.MT;
Explain($"m.MT is contiguous: {mt.IsContiguous}. Reshape(12) on it has to copy; View(12) refuses instead of copying silently:");
Show("m.MT.Reshape(12)", mt.Reshape(12));
try
{
    mt.View(12);
}
catch (InvalidOperationException e)
{
    Explain("View threw: " + e.Message);
}

Section("5. Broadcasting");
// Shapes are aligned from the right; an axis of size 1 (or a missing axis) stretches to match, with stride 0.
var column = Tensor.Arange(0.0, 3.0, 1.0).Reshape(3, 1);
var line = Tensor.FromArray(new[] { 0.0, 10.0, 20.0, 30.0 });
Show("column (3, 1)", column);
Show("line (4,)", line);
Show("column + line -> (3, 4)", column + line);
Show("x + 100.0   (a scalar broadcasts to every element)", x + 100.0);
var stretched = line.BroadcastTo(2, 4);
Explain($"line.BroadcastTo(2, 4) is a view with strides ({stretched.Strides[0]}, {stretched.Strides[1]}): no element was copied.");
try
{
    _ = Tensor.Zeros<double>(2, 3) + Tensor.Zeros<double>(4);
}
catch (ArgumentException e)
{
    Explain("Incompatible shapes fail by name: " + e.Message);
}

Section("6. Elementwise math on any layout");
Show("Exp of [-inf, 0, 1, +inf, NaN]",
    Tensor.FromArray(new[] { double.NegativeInfinity, 0.0, 1.0, double.PositiveInfinity, double.NaN }).Exp());
Show("m[.., TensorIndex.Slice(null, null, -1)].Exp()   (a strided view in, a contiguous tensor out)",
    m[.., TensorIndex.Slice(null, null, -1)].Exp());
var w = Tensor.Zeros<double>(2, 4);
w[.., TensorIndex.Slice(0, null, 2)].ExpInPlace();
Show("zeros(2, 4), then ExpInPlace on every 2nd column", w);
Explain("in-place ops write through the view into the original storage.");
Show("(Arange(0f, 3f).Reshape(3, 1) + [0f, 0.5f]).Exp()   (float32: broadcast, then exp)",
    (Tensor.Arange(0f, 3f, 1f).Reshape(3, 1) + Tensor.FromArray(new[] { 0f, 0.5f })).Exp());

LinearAlgebraDemo.Run();

Console.WriteLine();
Console.WriteLine("Done. Next: docs/architecture.md explains how these views reach the CPU kernels.");

static void Section(string title)
{
    Console.WriteLine();
    Console.WriteLine(title);
    Console.WriteLine(new string('-', title.Length));
}

static void Show<T>(string label, Tensor<T> tensor) where T : unmanaged
{
    Console.WriteLine($"{label}:");
    foreach (var text in tensor.ToString().Split('\n'))
        Console.WriteLine("    " + text);
}

static void Explain(string text) => Console.WriteLine("  -> " + text);
