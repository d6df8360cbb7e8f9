namespace Orchestrator.Scheduler.Framework;

/// <summary>Upstream's helper normalizations.</summary>
public static class ScoreNormalizer
{
    /// <summary>Scales scores so the highest becomes <paramref name="maxPriority"/>; reversed maps high raw to low.</summary>
    public static void Default(long maxPriority, bool reverse, Span<long> scores)
    {
        long max = 0;
        foreach (var s in scores)
        {
            max = Math.Max(max, s);
        }

        if (max == 0)
        {
            if (reverse)
            {
                scores.Fill(maxPriority);
            }

            return;
        }

        for (var i = 0; i < scores.Length; i++)
        {
            var score = maxPriority * scores[i] / max;
            scores[i] = reverse ? maxPriority - score : score;
        }
    }
}
