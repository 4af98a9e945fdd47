using Scratch.ML;

var x = Tensor.Arange(0.0, 6.0, 1.0).Reshape(2, 3);
Console.WriteLine(x);
Console.WriteLine(x.MT.Exp());
