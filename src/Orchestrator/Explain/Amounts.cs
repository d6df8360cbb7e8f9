namespace Orchestrator.Host.Explain;

/// <summary>Resource amounts written as a person reads them: cpu in cores or millicores, memory in binary units.</summary>
internal static class Amounts
{
    public static string Cpu(long milli) =>
        milli % 1000 == 0 ? (milli / 1000).ToString(CultureInfo.InvariantCulture) : milli.ToString(CultureInfo.InvariantCulture) + "m";

    public static string Bytes(long bytes)
    {
        string[] units = ["", "Ki", "Mi", "Gi", "Ti"];
        var unit = 0;
        double value = bytes;
        while (Math.Abs(value) >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString(value == Math.Floor(value) ? "0" : "0.#", CultureInfo.InvariantCulture) + units[unit];
    }
}
