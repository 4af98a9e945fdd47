using System.Globalization;
using System.Numerics;

namespace Scratch.ML.Learn.Trees;

public static partial class TreeExport
{
    /// <summary>
    /// The rules of a fitted decision tree classifier (scikit-learn's <c>export_text(model)</c>): class names default to
    /// the model's labels as text, like scikit-learn's <c>classes_</c>.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range or a name list has the wrong length.</exception>
    public static string ToText<T>(DecisionTreeClassifierModel<T> model, TextExportOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        var o = options ?? new TextExportOptions();
        return ToText(model.Tree, TreeExportKind.Classifier, o.ClassNames is null ? o with { ClassNames = LabelNames(model.Classes) } : o);
    }

    /// <summary>The rules of a fitted decision tree regressor (scikit-learn's <c>export_text(model)</c>).</summary>
    /// <exception cref="ArgumentException">An option is out of range or a name list has the wrong length.</exception>
    public static string ToText<T>(DecisionTreeRegressorModel<T> model, TextExportOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return ToText(model.Tree, TreeExportKind.Regressor, options);
    }

    /// <summary>
    /// DOT source of a fitted decision tree classifier (scikit-learn's <c>export_graphviz(model)</c>): the impurity is
    /// labelled with the model's criterion ("gini", "entropy") unless <see cref="DotExportOptions.Criterion"/> is set.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range or a name list has the wrong length.</exception>
    public static string ToDot<T>(DecisionTreeClassifierModel<T> model, DotExportOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return ToDot(model.Tree, TreeExportKind.Classifier, WithCriterion(options, model.Options.Criterion));
    }

    /// <summary>DOT source of a fitted decision tree regressor, the impurity labelled with the model's criterion ("squared_error" …).</summary>
    /// <exception cref="ArgumentException">An option is out of range or a name list has the wrong length.</exception>
    public static string ToDot<T>(DecisionTreeRegressorModel<T> model, DotExportOptions? options = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        return ToDot(model.Tree, TreeExportKind.Regressor, WithCriterion(options, model.Options.Criterion));
    }

    /// <summary>scikit-learn's name of a split criterion: "gini", "entropy", "squared_error", "friedman_mse", "absolute_error", "poisson".</summary>
    public static string CriterionName(SplitCriterion criterion) => criterion switch
    {
        SplitCriterion.Gini => "gini",
        SplitCriterion.Entropy => "entropy",
        SplitCriterion.SquaredError => "squared_error",
        SplitCriterion.FriedmanMse => "friedman_mse",
        SplitCriterion.AbsoluteError => "absolute_error",
        SplitCriterion.Poisson => "poisson",
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion, "TreeExport: unknown split criterion."),
    };

    private static DotExportOptions WithCriterion(DotExportOptions? options, SplitCriterion criterion)
    {
        var o = options ?? new DotExportOptions();
        return o.Criterion == "impurity" ? o with { Criterion = CriterionName(criterion) } : o;
    }

    private static string[] LabelNames(ClassLabels classes) =>
        classes.Strings?.ToArray() ?? classes.Ints!.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();
}
