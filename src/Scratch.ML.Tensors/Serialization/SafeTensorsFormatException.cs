namespace Scratch.ML.Serialization;

/// <summary>
/// A safetensors file (or stream) is malformed: truncated, a header that is not a valid JSON object, an unknown dtype,
/// a shape that disagrees with its byte range, overlapping or out-of-range offsets, bytes not covered by any tensor, …
/// The message names the file part and tensor at fault, and the expected and actual values.
/// </summary>
public sealed class SafeTensorsFormatException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public SafeTensorsFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause (e.g. a JSON parse error).</summary>
    public SafeTensorsFormatException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public SafeTensorsFormatException() : base("The safetensors data is malformed.") { }
}
