namespace Scratch.ML.Learn.Datasets;

/// <summary>
/// The small standard datasets scikit-learn bundles, shipped inside this assembly as CSV resources (exported from
/// scikit-learn 1.2.1 by <c>tests/reference/export_datasets.py</c>; sources and licences in
/// <c>src/Scratch.ML.Learn/Datasets/Data/LICENSES.md</c> and <c>docs/datasets.md</c>). Nothing is downloaded.
/// Each call parses the resource afresh with <see cref="CsvLoader"/> and returns new tensors.
/// </summary>
public static class SmallDatasets
{
    private const string ResourcePrefix = "Scratch.ML.Learn.Datasets.Data.";

    /// <summary>
    /// Fisher's iris data: 150 flowers × 4 measurements in cm (sepal length/width, petal length/width), 3 classes
    /// (setosa, versicolor, virginica) of 50 each. Same values as scikit-learn's <c>load_iris</c>.
    /// </summary>
    public static Dataset LoadIris() => Classification("iris.csv", "target", ["setosa", "versicolor", "virginica"],
        "Iris plants (R. A. Fisher, 1936): 150 samples, 4 numeric features (cm), 3 classes of 50. As shipped by scikit-learn " +
        "(Fisher's values; the UCI copy differs in two points).");

    /// <summary>
    /// The UCI wine recognition data: 178 wines × 13 chemical measurements, 3 cultivars (class_0: 59, class_1: 71,
    /// class_2: 48). Same values as scikit-learn's <c>load_wine</c>.
    /// </summary>
    public static Dataset LoadWine() => Classification("wine.csv", "target", ["class_0", "class_1", "class_2"],
        "Wine recognition (UCI; Forina et al.): 178 samples, 13 numeric features from chemical analysis, 3 cultivars (59/71/48).");

    /// <summary>
    /// Breast Cancer Wisconsin (Diagnostic), UCI: 569 samples × 30 features of cell nuclei (mean, standard error and
    /// worst of 10 measurements), 2 classes: 0 = malignant (212), 1 = benign (357). Same values and coding as
    /// scikit-learn's <c>load_breast_cancer</c>.
    /// </summary>
    public static Dataset LoadBreastCancer() => Classification("breast_cancer.csv", "target", ["malignant", "benign"],
        "Breast Cancer Wisconsin (Diagnostic) (UCI; Wolberg, Street, Mangasarian, 1995): 569 samples, 30 numeric features, " +
        "2 classes (0 = malignant: 212, 1 = benign: 357).");

    /// <summary>
    /// The diabetes data of Efron et al. (2004): 442 patients × 10 baseline variables (age, sex, bmi, bp, s1–s6), each
    /// column mean-centred and scaled so its sum of squares is 1 (scikit-learn's default <c>scaled=True</c>); the
    /// target is the raw disease progression one year after baseline (25 … 346). Regression.
    /// </summary>
    public static Dataset LoadDiabetes()
    {
        var table = Read("diabetes.csv");
        int t = table.ColumnIndex("target");
        var (data, target, names) = Split(table, t);
        return new Dataset(data, Tensor.FromArray(target, target.Length), null, names, [],
            "Diabetes (Efron, Hastie, Johnstone, Tibshirani, 2004, 'Least Angle Regression'): 442 samples, 10 features " +
            "mean-centred and scaled to unit sum of squares per column, target = disease progression after one year.");
    }

    /// <summary>
    /// The UCI optical recognition of handwritten digits (test part as shipped by scikit-learn): 1,797 images of 8×8
    /// pixel counts 0–16 (features p0 … p63, row-major), 10 classes "0" … "9". Same values as <c>load_digits</c>.
    /// </summary>
    public static Dataset LoadDigits() => Classification("digits.csv", "label", ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
        "Optical Recognition of Handwritten Digits (UCI; Alpaydin and Kaynak, 1998): 1,797 8x8 images, pixel counts 0-16, 10 classes.");

    private static Dataset Classification(string resource, string targetColumn, string[] classNames, string description)
    {
        var table = Read(resource);
        var (data, target, names) = Split(table, table.ColumnIndex(targetColumn));
        var labels = new int[target.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            double v = target[i];
            if (v != Math.Floor(v) || v < 0 || v >= classNames.Length)
                throw new InvalidDataException($"SmallDatasets: {resource} row {i + 1} has target {v}, expected an integer in [0, {classNames.Length}).");
            labels[i] = (int)v;
        }
        return new Dataset(data, Tensor.FromArray(target, target.Length), labels, names, classNames, description);
    }

    private static (Tensor<double> Data, double[] Target, string[] Names) Split(CsvTable table, int targetColumn)
    {
        int n = table.RowCount, cols = table.ColumnCount, d = cols - 1;
        var x = new double[n * d];
        var y = new double[n];
        var names = new string[d];
        for (int j = 0, k = 0; j < cols; j++)
        {
            if (j == targetColumn) continue;
            if (table.Kinds[j] != CsvColumnKind.Numeric)
                throw new InvalidDataException($"SmallDatasets: column '{table.ColumnNames[j]}' is not numeric.");
            names[k++] = table.ColumnNames[j];
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = 0, k = 0; j < cols; j++)
            {
                double v = table.Data[i, j];
                if (double.IsNaN(v)) throw new InvalidDataException($"SmallDatasets: missing value at row {i + 1}, column '{table.ColumnNames[j]}'.");
                if (j == targetColumn) y[i] = v;
                else x[i * d + k++] = v;
            }
        }
        return (Tensor.FromArray(x, n, d), y, names);
    }

    private static CsvTable Read(string resource)
    {
        using var stream = typeof(SmallDatasets).Assembly.GetManifestResourceStream(ResourcePrefix + resource)
            ?? throw new InvalidOperationException($"SmallDatasets: embedded resource '{ResourcePrefix + resource}' is missing; " +
                "the project must embed Datasets/Data/*.csv (see docs/datasets.md).");
        using var reader = new StreamReader(stream);
        return CsvLoader.Read(reader, new CsvOptions
        {
            MissingMarkers = [""],
        });
    }
}
