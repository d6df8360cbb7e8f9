namespace Orchestrator.ApiMachinery.Images;

/// <summary>A Windows version's <c>Major.Minor.Build</c> (a fourth part, the revision, is read and ignored).</summary>
public readonly record struct WindowsVersion(int Major, int Minor, int Build)
{
    /// <summary>The first build with a stable container ABI (Windows Server 2022, LTSC 2022).</summary>
    public const int Ltsc2022Build = 20348;

    /// <summary>Parses <c>10.0.17763</c> or <c>10.0.17763.1879</c>; false for anything else.</summary>
    public static bool TryParse(string? text, out WindowsVersion version)
    {
        version = default;
        var parts = text?.Split('.') ?? [];
        if (parts.Length is < 3 or > 4 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return false;
        }

        version = new WindowsVersion(Parse(parts[0]), Parse(parts[1]), Parse(parts[2]));
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Build}");

    private static int Parse(string part) => int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
}
