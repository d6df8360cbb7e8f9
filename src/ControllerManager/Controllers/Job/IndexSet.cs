using System.Text;

namespace Orchestrator.ControllerManager.Controllers.Job;

/// <summary>
/// A set of completion indexes in the compressed text form of <c>status.completedIndexes</c>:
/// ascending, comma-separated, any run of two or more consecutive indexes written as
/// <c>first-last</c> ("1,3-5,7"), as upstream writes it.
/// </summary>
internal static class IndexSet
{
    /// <summary>Parses the text form, dropping indexes outside [0, completions).</summary>
    public static SortedSet<int> Parse(string? text, int completions)
    {
        var result = new SortedSet<int>();
        if (string.IsNullOrEmpty(text))
        {
            return result;
        }

        foreach (var part in text.Split(','))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var single) && single < completions)
                {
                    result.Add(single);
                }

                continue;
            }

            if (int.TryParse(part.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                && int.TryParse(part.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            {
                for (var i = first; i <= Math.Min(last, completions - 1); i++)
                {
                    result.Add(i);
                }
            }
        }

        return result;
    }

    public static string Format(IEnumerable<int> indexes)
    {
        var sorted = indexes.Distinct().Order().ToList();
        var text = new StringBuilder();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(sorted[i].ToString(CultureInfo.InvariantCulture));
            if (j > i)
            {
                text.Append('-').Append(sorted[j].ToString(CultureInfo.InvariantCulture));
            }

            i = j + 1;
        }

        return text.ToString();
    }
}
