using System.Numerics;

namespace Orchestrator.ApiMachinery.Resources;

/// <summary>
/// A resource quantity as upstream's resource.Quantity reads and prints it: exact value
/// (<see cref="Mantissa"/> × 10^<see cref="Exponent"/>), rounded up to nano units, with the
/// format its suffix implies (decimal SI, binary SI or decimal exponent).
/// </summary>
public readonly record struct Quantity(BigInteger Mantissa, int Exponent, QuantityFormat Format) : IComparable<Quantity>
{
    /// <summary>The decode error upstream reports for a string that is not a quantity.</summary>
    public const string FormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    public const string SuffixError = "unable to parse quantity's suffix";

    public int Sign => Mantissa.Sign;

    public bool IsInteger => Exponent >= 0 || Mantissa % BigInteger.Pow(10, -Exponent) == 0;

    /// <summary>Parses like upstream's ParseQuantity; <paramref name="error"/> is its error text.</summary>
    public static bool TryParse(string text, out Quantity quantity, out string? error)
    {
        quantity = default;
        error = null;
        if (text.Length == 0)
        {
            error = FormatError;
            return false;
        }

        if (!QuantityScanner.Scan(text, out var positive, out var digits, out var fraction, out var suffix))
        {
            error = FormatError;
            return false;
        }

        if (!Suffix(suffix, out var binaryShift, out var exponent10, out var format))
        {
            error = SuffixError;
            return false;
        }

        var mantissa = BigInteger.Parse(digits + fraction, CultureInfo.InvariantCulture) << binaryShift;
        var exponent = exponent10 - fraction.Length;
        if (exponent < -9)
        {
            // Upstream rounds non-zero values up (away from zero) to whole nano units.
            var divisor = BigInteger.Pow(10, -9 - exponent);
            mantissa = BigInteger.DivRem(mantissa, divisor, out var remainder) + (remainder.IsZero ? 0 : 1);
            exponent = -9;
        }

        if (!positive)
        {
            mantissa = -mantissa;
        }

        var result = new Quantity(mantissa, exponent, format);
        if (format == QuantityFormat.BinarySI && !mantissa.IsZero && exponent < 0 && BigInteger.Abs(mantissa) < Pow10(-exponent))
        {
            result = result with { Format = QuantityFormat.DecimalSI };
        }

        quantity = result;
        return true;
    }

    public int CompareTo(Quantity other)
    {
        var common = Math.Min(Exponent, other.Exponent);
        return (Mantissa * Pow10(Exponent - common)).CompareTo(other.Mantissa * Pow10(other.Exponent - common));
    }

    /// <summary>The canonical form upstream stores and prints (<c>1500m</c>, <c>1Gi</c>, <c>2</c>).</summary>
    public override string ToString()
    {
        if (Mantissa.IsZero)
        {
            return "0";
        }

        if (Format == QuantityFormat.BinarySI && IsInteger && BigInteger.Abs(Scaled(0)) >= 1024)
        {
            var value = Scaled(0);
            var power = 0;
            while (power < 6 && !value.IsZero && value % 1024 == 0)
            {
                value /= 1024;
                power++;
            }

            return value.ToString(CultureInfo.InvariantCulture) + BinarySuffixes[power];
        }

        // Move every factor of ten into the exponent, then down to a multiple of three.
        var mantissa = Mantissa;
        var exponent = Exponent;
        while (mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }

        while (exponent % 3 != 0)
        {
            mantissa *= 10;
            exponent--;
        }

        var digits = mantissa.ToString(CultureInfo.InvariantCulture);
        if (Format == QuantityFormat.DecimalExponent || exponent is < -9 or > 18)
        {
            return exponent == 0 ? digits : $"{digits}e{exponent.ToString(CultureInfo.InvariantCulture)}";
        }

        return digits + DecimalSuffixes[(exponent + 9) / 3];
    }

    private static readonly string[] DecimalSuffixes = ["n", "u", "m", "", "k", "M", "G", "T", "P", "E"];

    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    private BigInteger Scaled(int exponent) =>
        Exponent >= exponent ? Mantissa * Pow10(Exponent - exponent) : Mantissa / Pow10(exponent - Exponent);

    private static BigInteger Pow10(int power) => BigInteger.Pow(10, power);

    private static bool Suffix(string suffix, out int binaryShift, out int exponent10, out QuantityFormat format)
    {
        binaryShift = 0;
        exponent10 = 0;
        format = QuantityFormat.DecimalSI;
        var binary = Array.IndexOf(BinarySuffixes, suffix);
        if (suffix.Length > 0 && binary > 0)
        {
            binaryShift = binary * 10;
            format = QuantityFormat.BinarySI;
            return true;
        }

        var decimalIndex = Array.IndexOf(DecimalSuffixes, suffix);
        if (decimalIndex >= 0)
        {
            exponent10 = (decimalIndex * 3) - 9;
            return true;
        }

        if (suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && int.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            && Math.Abs(exponent) < 1000)
        {
            exponent10 = exponent;
            format = QuantityFormat.DecimalExponent;
            return true;
        }

        return false;
    }
}
