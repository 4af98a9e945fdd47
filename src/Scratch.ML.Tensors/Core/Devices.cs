namespace Scratch.ML;

/// <summary>The one place where ops check that their inputs share a device (STYLE.md rule 7).</summary>
internal static class Devices
{
    /// <summary>Throws unless <paramref name="a"/> and <paramref name="b"/> live on the same device.</summary>
    public static void RequireSame<TA, TB>(string op, Tensor<TA> a, Tensor<TB> b) where TA : unmanaged where TB : unmanaged
    {
        if (!a.Device.Equals(b.Device))
            throw new ArgumentException($"{op}: inputs live on different devices ({a.Device} and {b.Device}); move one explicitly with .To(device).");
    }
}
