using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;

namespace Scratch.ML.Learn;

/// <summary>
/// An estimator built from named sub-estimators (a pipeline's steps, a column transformer's transformers). Parameter
/// access reaches into the children with dotted names: <c>"scaler.WithMean"</c>, <c>"svc.C"</c>.
/// </summary>
public interface ICompositeEstimator : IEstimator
{
    /// <summary>The named children, in order; names are unique and contain no '.'.</summary>
    IReadOnlyList<(string Name, IEstimator Estimator)> Children { get; }

    /// <summary>A copy of this estimator with the child called <paramref name="name"/> replaced (validated again).</summary>
    /// <exception cref="ArgumentException">No child has that name, or the replacement is of an unusable kind.</exception>
    IEstimator WithChild(string name, IEstimator replacement);
}

/// <summary>
/// Reading and varying an estimator's hyperparameters by name (scikit-learn's <c>get_params</c>/<c>set_params</c>/
/// <c>clone</c>), as searches need. The parameters of an estimator record are its constructor parameters; a nested
/// estimator's parameters are reached with a dotted path (<c>"step.Param"</c>), through <see cref="ICompositeEstimator"/>
/// children or through properties whose value is itself an <see cref="IEstimator"/>.
/// </summary>
/// <remarks>
/// <see cref="With(IEstimator, IReadOnlyDictionary{string, object?})"/> always builds the new estimator through its
/// public constructor, so the options are validated exactly as if the user had written the constructor call
/// (unlike a C# <c>with</c> expression, which copies without re-running constructor checks). Values are converted
/// only where the conversion is exact (int → double, float → double, int → long, a double holding an integer → int);
/// anything else is an error naming the parameter, the expected type and the value.
/// </remarks>
public static class EstimatorParameters
{
    /// <summary>What parameter access reflects over; <see cref="IEstimator"/> carries the same annotation so trimming keeps it.</summary>
    internal const DynamicallyAccessedMemberTypes Members = DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties;

    /// <summary>
    /// The estimator's parameters: constructor-parameter name → current value, plus (when <paramref name="deep"/>) every
    /// nested estimator's parameters under <c>"name.Param"</c>. Keys are in declaration order.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> Get(IEstimator estimator, bool deep = true)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        Collect(estimator, "", deep, result);
        return result;
    }

    /// <summary>The names of the estimator's own (not nested) parameters, in constructor order.</summary>
    public static IReadOnlyList<string> Names(IEstimator estimator)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return Array.ConvertAll(Constructor(estimator.GetType()).GetParameters(), p => p.Name!);
    }

    /// <summary>
    /// A new estimator equal to <paramref name="estimator"/> except for the named parameters (dotted names reach nested
    /// estimators). Built through the public constructor, so invalid values throw as they would there.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name (the message lists the valid ones) or a value of the wrong type.</exception>
    public static IEstimator With(IEstimator estimator, IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(values);
        var own = new Dictionary<string, object?>(StringComparer.Ordinal);
        var nested = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        var replacements = new Dictionary<string, IEstimator>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            int dot = key.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                // An undotted name of a composite's child (not a constructor parameter) replaces that child, as
                // scikit-learn's set_params(step=estimator) does.
                if (estimator is ICompositeEstimator c && c.Children.Any(ch => ch.Name == key) && !Names(estimator).Contains(key))
                    replacements[key] = value as IEstimator
                        ?? throw new ArgumentException($"{estimator.GetType().Name}: '{key}' is a child estimator; its replacement must be an IEstimator, got {value?.GetType().Name ?? "null"}.", nameof(values));
                else own[key] = value;
            }
            else
            {
                string head = key[..dot];
                if (!nested.TryGetValue(head, out var inner)) nested[head] = inner = new(StringComparer.Ordinal);
                inner[key[(dot + 1)..]] = value;
            }
        }
        var current = estimator;
        foreach (var (name, replacement) in replacements) current = ((ICompositeEstimator)current).WithChild(name, replacement);
        foreach (var (head, inner) in nested)
        {
            if (current is ICompositeEstimator composite && composite.Children.Any(c => c.Name == head))
            {
                var child = composite.Children.First(c => c.Name == head).Estimator;
                current = composite.WithChild(head, With(child, inner));
            }
            else if (Property(current.GetType(), head) is { } prop && prop.GetValue(current) is IEstimator sub)
                own[head] = With(sub, inner);
            else
                throw new ArgumentException($"{current.GetType().Name}: no nested estimator named '{head}' (nested: {string.Join(", ", NestedNames(current))}).", nameof(values));
        }
        return own.Count == 0 ? current : Construct(current, own);
    }

    /// <summary>A new estimator equal to <paramref name="estimator"/> except for one parameter (see <see cref="With(IEstimator, IReadOnlyDictionary{string, object?})"/>).</summary>
    /// <exception cref="ArgumentException">An unknown name, a value of the wrong type, or a nested change of the estimator's type.</exception>
    public static TEstimator With<TEstimator>(TEstimator estimator, string name, object? value) where TEstimator : IEstimator
    {
        var result = With(estimator, new Dictionary<string, object?> { [name] = value });
        return result is TEstimator typed ? typed
            : throw new ArgumentException($"Setting '{name}' produced a {result.GetType().Name}, not a {typeof(TEstimator).Name}.", nameof(name));
    }

    /// <summary>
    /// A fresh, unfitted copy with the same options, rebuilt through the constructor (and so re-validated) — the
    /// equivalent of scikit-learn's <c>clone</c>. Estimators are immutable, so this is only needed to re-validate.
    /// </summary>
    public static TEstimator Clone<TEstimator>(TEstimator estimator) where TEstimator : IEstimator
    {
        ArgumentNullException.ThrowIfNull(estimator);
        return (TEstimator)Construct(estimator, new Dictionary<string, object?>());
    }

    private static void Collect(IEstimator estimator, string prefix, bool deep, Dictionary<string, object?> result)
    {
        foreach (var p in Constructor(estimator.GetType()).GetParameters())
        {
            var value = Property(estimator.GetType(), p.Name!)!.GetValue(estimator);
            result[prefix + p.Name] = value;
            if (deep && value is IEstimator sub) Collect(sub, prefix + p.Name + ".", deep, result);
        }
        if (deep && estimator is ICompositeEstimator composite)
            foreach (var (name, child) in composite.Children)
            {
                result[prefix + name] = child;
                Collect(child, prefix + name + ".", deep, result);
            }
    }

    private static IEnumerable<string> NestedNames(IEstimator estimator)
    {
        if (estimator is ICompositeEstimator composite)
            foreach (var (name, _) in composite.Children) yield return name;
        foreach (var p in Constructor(estimator.GetType()).GetParameters())
            if (typeof(IEstimator).IsAssignableFrom(p.ParameterType)) yield return p.Name!;
    }

    private static IEstimator Construct(IEstimator estimator, Dictionary<string, object?> changes)
    {
        var type = estimator.GetType();
        var ctor = Constructor(type);
        var parameters = ctor.GetParameters();
        foreach (var key in changes.Keys)
            if (!parameters.Any(p => p.Name == key))
                throw new ArgumentException($"{type.Name} has no parameter '{key}' (parameters: {string.Join(", ", parameters.Select(p => p.Name))}).", nameof(changes));
        var args = new object?[parameters.Length];
        for (int i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            args[i] = changes.TryGetValue(p.Name!, out var v) ? Convert(type, p, v) : Property(type, p.Name!)!.GetValue(estimator);
        }
        try
        {
            return (IEstimator)ctor.Invoke(args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static object? Convert(Type owner, ParameterInfo p, object? value)
    {
        var target = p.ParameterType;
        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        if (value is null)
            return !target.IsValueType || Nullable.GetUnderlyingType(target) is not null ? null
                : throw new ArgumentException($"{owner.Name}.{p.Name}: null is not a valid {target.Name}.", p.Name);
        if (target.IsInstanceOfType(value) || underlying.IsInstanceOfType(value)) return value;
        object? converted = (underlying, value) switch
        {
            (var t, int i) when t == typeof(double) => (double)i,
            (var t, long l) when t == typeof(double) && Math.Abs(l) <= 1L << 53 => (double)l,
            (var t, float f) when t == typeof(double) => (double)f,
            (var t, int i) when t == typeof(long) => (long)i,
            (var t, double d) when t == typeof(int) && d == Math.Floor(d) && d >= int.MinValue && d <= int.MaxValue => (int)d,
            (var t, long l) when t == typeof(int) && l >= int.MinValue && l <= int.MaxValue => (int)l,
            (var t, string s) when t.IsEnum && Enum.TryParse(t, s, ignoreCase: false, out var e) => e,
            _ => null,
        };
        return converted ?? throw new ArgumentException(
            $"{owner.Name}.{p.Name}: expected a {underlying.Name}, got {value.GetType().Name} {System.Convert.ToString(value, CultureInfo.InvariantCulture)}.", p.Name);
    }

    private static ConstructorInfo Constructor([DynamicallyAccessedMembers(Members)] Type type)
    {
        // The primary constructor: the public one with the most parameters whose names all match public properties.
        var candidates = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .Where(c => c.GetParameters().All(p => Property(type, p.Name!) is not null))
            .OrderByDescending(c => c.GetParameters().Length)
            .ToArray();
        return candidates.Length > 0 ? candidates[0]
            : throw new ArgumentException($"{type.Name}: no public constructor whose parameters are all readable properties, so its parameters cannot be varied by name.", nameof(type));
    }

    private static PropertyInfo? Property([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type, string name) =>
        type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance) is { CanRead: true } p ? p : null;
}
