namespace Orchestrator.Host.Commands;

/// <summary>Columns as kubectl and kubeadm print them: each padded to its widest cell, three spaces apart, no trailing blanks.</summary>
internal static class TextTable
{
    public static string Format(IReadOnlyList<string[]> rows, string indent = "")
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return "";
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        return string.Concat(rows.Select(r => indent + string.Join("   ", r.Select((cell, i) => i == r.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd() + "\n"));
    }
}
