using System.Globalization;
using System.Numerics;
using System.Text;

namespace Scratch.ML.Learn.Trees;

/// <summary>
/// Python and NumPy number formatting, reproduced exactly so that <see cref="TreeExport"/> writes scikit-learn's text
/// character for character: <c>"{:.Nf}".format(x)</c> (exact decimal value of the double, ties to even),
/// <c>repr(float)</c> (shortest round-trip digits, scientific below 1e-4 and from 1e16), NumPy's <c>round</c>
/// (multiply by 10^N, round half to even, divide — not Python's correctly rounded <c>round</c>), and NumPy's
/// <c>str</c> of a 1-d array of strings (75-column lines).
/// </summary>
internal static class PyFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Python's <c>format(x, ".{decimals}f")</c>: the exact binary value rounded half to even; keeps the sign of −0.</summary>
    public static string Fixed(double x, int decimals)
    {
        if (double.IsNaN(x)) return "nan";
        if (double.IsInfinity(x)) return x > 0 ? "inf" : "-inf";
        bool negative = double.IsNegative(x);
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(x));
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent = 1; else mantissa |= 1L << 52;
        exponent -= 1075;   // |x| = mantissa · 2^exponent exactly
        BigInteger q = mantissa * BigInteger.Pow(10, decimals);
        if (exponent >= 0) q <<= exponent;
        else
        {
            var den = BigInteger.One << -exponent;
            q = BigInteger.DivRem(q, den, out var r);
            int c = (r * 2).CompareTo(den);
            if (c > 0 || (c == 0 && !q.IsEven)) q += 1;
        }
        string digits = q.ToString(Inv).PadLeft(decimals + 1, '0');
        string s = decimals == 0 ? digits : digits[..^decimals] + "." + digits[^decimals..];
        return negative ? "-" + s : s;
    }

    /// <summary>Python's <c>repr(float)</c> (and NumPy's float64 <c>str</c>): "0.5", "2.0", "1e-05", "1e+16", "-0.0", "inf", "nan".</summary>
    public static string Repr(double x)
    {
        if (double.IsNaN(x)) return "nan";
        if (double.IsInfinity(x)) return x > 0 ? "inf" : "-inf";
        string sign = double.IsNegative(x) ? "-" : "";
        if (x == 0) return sign + "0.0";
        // .NET's "R" gives the shortest round-trip digits (as Python's repr); only the layout differs.
        string r = Math.Abs(x).ToString("R", Inv);
        int e = r.IndexOf('E');
        int exp10 = e < 0 ? 0 : int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, Inv);
        string mant = e < 0 ? r : r[..e];
        int point = mant.IndexOf('.');
        string digits = point < 0 ? mant : mant.Remove(point, 1);
        int decpt = (point < 0 ? mant.Length : point) + exp10;   // value = 0.digits × 10^decpt
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') lead++;
        digits = digits[lead..];
        decpt -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        string body;
        if (decpt <= -4 || decpt > 16)
        {
            int ex = decpt - 1;
            body = digits[..1] + (digits.Length > 1 ? "." + digits[1..] : "") + "e" + (ex < 0 ? "-" : "+") + Math.Abs(ex).ToString("00", Inv);
        }
        else if (decpt <= 0) body = "0." + new string('0', -decpt) + digits;
        else if (decpt >= digits.Length) body = digits + new string('0', decpt - digits.Length) + ".0";
        else body = digits[..decpt] + "." + digits[decpt..];
        return sign + body;
    }

    /// <summary>NumPy's <c>np.round(x, decimals)</c> for decimals ≥ 0: rint(x · 10^decimals) / 10^decimals in float64.</summary>
    public static double NumpyRound(double x, int decimals)
    {
        double f = 1;
        for (int i = 0; i < decimals; i++) f *= 10;
        return Math.Round(x * f, MidpointRounding.ToEven) / f;
    }

    /// <summary>Python's <c>str(np.round(x, decimals))</c> of a float64 scalar.</summary>
    public static string RoundRepr(double x, int decimals) => Repr(NumpyRound(x, decimals));

    /// <summary>
    /// NumPy's <c>str</c> of a 1-d array whose elements print as <paramref name="words"/>: "[w0 w1 …]" with lines
    /// wrapped before 75 columns, continuation lines starting with one space.
    /// </summary>
    public static string ArrayStr(IReadOnlyList<string> words)
    {
        const int width = 74;   // line width 75 minus the closing bracket
        var s = new StringBuilder();
        var line = new StringBuilder(" ");
        for (int i = 0; i < words.Count; i++)
        {
            if (line.Length + words[i].Length > width && line.Length > 1)
            {
                s.Append(line.ToString().TrimEnd()).Append('\n');
                line.Clear().Append(' ');
            }
            line.Append(words[i]);
            if (i < words.Count - 1) line.Append(' ');
        }
        s.Append(line);
        return "[" + s.ToString(1, s.Length - 1) + "]";
    }
}
