namespace Orchestrator.ApiMachinery.Resources;

/// <summary>
/// Splits a quantity string into sign, integer digits, fraction digits and suffix, accepting the
/// same strings as upstream's scanner (leading zeros stripped, <c>1.G</c> allowed).
/// </summary>
internal static class QuantityScanner
{
    private const string SuffixLetters = "eEinumkKMGTP";

    public static bool Scan(string text, out bool positive, out string digits, out string fraction, out string suffix)
    {
        positive = true;
        digits = "0";
        fraction = "";
        suffix = "";
        var pos = 0;
        if (text[0] is '-' or '+')
        {
            positive = text[0] == '+';
            pos++;
        }

        while (pos < text.Length && text[pos] == '0')
        {
            pos++;
        }

        var start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        if (pos > start)
        {
            digits = text[start..pos];
        }

        if (pos < text.Length && text[pos] == '.')
        {
            pos++;
            start = pos;
            while (pos < text.Length && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }

            fraction = text[start..pos];
        }

        var suffixStart = pos;
        while (pos < text.Length && SuffixLetters.Contains(text[pos], StringComparison.Ordinal))
        {
            pos++;
        }

        if (pos < text.Length && text[pos] is '-' or '+')
        {
            pos++;
        }

        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        suffix = text[suffixStart..];
        return pos == text.Length;
    }
}
