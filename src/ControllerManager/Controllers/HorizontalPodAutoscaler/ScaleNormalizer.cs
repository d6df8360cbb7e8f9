namespace Orchestrator.ControllerManager.Controllers.HorizontalPodAutoscaler;

/// <summary>
/// From the metrics' proposal to the replica count to set (upstream's normalizeDesiredReplicas and
/// normalizeDesiredReplicasWithBehaviors): stabilize over the recent recommendations, then keep within min/max and
/// the scale rate. It records the recommendation in the autoscaler's <see cref="ScalingHistory"/>; every time is the
/// <c>now</c> given, so it is deterministic.
/// </summary>
internal static class ScaleNormalizer
{
    /// <summary>Without a behavior, one sync may at most double the replicas (at least up to 4).</summary>
    private const int ScaleUpLimitFactor = 2;
    private const int ScaleUpLimitMinimum = 4;

    private const string ReadyForNewScale = "ReadyForNewScale";
    private const string ReadyMessage = "recommended size matches current size";
    private const string WithinRange = "DesiredWithinRange";
    private const string WithinRangeMessage = "the desired count is within the acceptable range";

    public static Normalization Normalize(
        V2HorizontalPodAutoscalerBehavior? behavior, ScalingHistory history, int current, int proposed, int min, int max,
        TimeSpan downscaleStabilization, DateTimeOffset now) =>
        behavior is null
            ? WithoutBehavior(history, current, proposed, min, max, downscaleStabilization, now)
            : WithBehavior(ScalingRules.ScaleUp(behavior.ScaleUp), ScalingRules.ScaleDown(behavior.ScaleDown, downscaleStabilization), history, current, proposed, min, max, now);

    /// <summary>The first sync of an autoscaler recommends what the target already has (upstream's recordInitialRecommendation).</summary>
    public static void RecordInitialRecommendation(ScalingHistory history, int current, DateTimeOffset now)
    {
        if (history.Recommendations.Count == 0)
        {
            history.Recommendations.Add(new TimestampedRecommendation(current, now));
        }
    }

    /// <summary>Remembers a rescale for the behavior policies' periods (nothing without a behavior: no policy reads it).</summary>
    public static void StoreScaleEvent(V2HorizontalPodAutoscalerBehavior? behavior, ScalingHistory history, int previous, int next, TimeSpan downscaleStabilization, DateTimeOffset now)
    {
        if (behavior is null)
        {
            return;
        }

        var up = next > previous;
        var rules = up ? ScalingRules.ScaleUp(behavior.ScaleUp) : ScalingRules.ScaleDown(behavior.ScaleDown, downscaleStabilization);
        var events = up ? history.ScaleUps : history.ScaleDowns;
        var cutoff = now.AddSeconds(-rules.LongestPeriodSeconds);
        var reusable = -1;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Outdated || events[i].Time < cutoff)
            {
                events[i] = events[i] with { Outdated = true };
                reusable = i;
            }
        }

        var change = new ScaleChange(Math.Abs(next - previous), now);
        if (reusable >= 0)
        {
            events[reusable] = change;
        }
        else
        {
            events.Add(change);
        }
    }

    private static Normalization WithoutBehavior(ScalingHistory history, int current, int proposed, int min, int max, TimeSpan window, DateTimeOffset now)
    {
        var stabilized = StabilizeDown(history, proposed, now - window, now);
        var ableToScale = stabilized != proposed
            ? Able("ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation")
            : Able(ReadyForNewScale, ReadyMessage);

        var scaleUpLimit = Math.Max(ScaleUpLimitFactor * current, ScaleUpLimitMinimum);
        var (maximum, reason, message) = max > scaleUpLimit
            ? (scaleUpLimit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate")
            : (max, "TooManyReplicas", "the desired replica count is more than the maximum replica count");
        var (desired, limitReason, limitMessage) =
            stabilized < min ? (min, "TooFewReplicas", "the desired replica count is less than the minimum replica count")
            : stabilized > maximum ? (maximum, reason, message)
            : (stabilized, WithinRange, WithinRangeMessage);
        return new Normalization(desired, ableToScale, Limited(desired != stabilized, limitReason, limitMessage));
    }

    private static Normalization WithBehavior(ScalingRules up, ScalingRules down, ScalingHistory history, int current, int proposed, int min, int max, DateTimeOffset now)
    {
        var scalingUp = proposed >= current;
        var window = scalingUp ? up.StabilizationWindowSeconds : down.StabilizationWindowSeconds;
        var cutoff = now.AddSeconds(-window);
        var obsolete = now.AddSeconds(-Math.Max(up.StabilizationWindowSeconds, down.StabilizationWindowSeconds));
        var stabilized = proposed;
        var reusable = -1;
        for (var i = 0; i < history.Recommendations.Count; i++)
        {
            var recommendation = history.Recommendations[i];
            if (recommendation.Time > cutoff)
            {
                // Scaling up, the lowest recent recommendation wins; scaling down, the highest.
                stabilized = scalingUp ? Math.Min(stabilized, recommendation.Replicas) : Math.Max(stabilized, recommendation.Replicas);
            }

            if (recommendation.Time < obsolete)
            {
                reusable = i;
            }
        }

        Record(history, reusable, proposed, now);
        var ableToScale = stabilized == proposed ? Able(ReadyForNewScale, ReadyMessage)
            : scalingUp ? Able("ScaleUpStabilized", "recent recommendations were lower than current one, applying the lowest recent recommendation")
            : Able("ScaleDownStabilized", "recent recommendations were higher than current one, applying the highest recent recommendation");

        var (desired, reason, message) = LimitRate(up, down, history, current, stabilized, min, max, now);
        return new Normalization(desired, ableToScale, Limited(desired != stabilized, reason, message));
    }

    /// <summary>Upstream's convertDesiredReplicasWithBehaviorRate.</summary>
    private static (int Desired, string Reason, string Message) LimitRate(
        ScalingRules up, ScalingRules down, ScalingHistory history, int current, int desired, int min, int max, DateTimeOffset now)
    {
        if (desired > current)
        {
            var limit = Math.Max(ScaleLimit(current, history, up, now, up: true), current);
            var (maximum, reason, message) = max > limit
                ? (limit, "ScaleUpLimit", "the desired replica count is increasing faster than the maximum scale rate")
                : (max, "TooManyReplicas", "the desired replica count is more than the maximum replica count");
            if (desired > maximum)
            {
                return (maximum, reason, message);
            }
        }
        else if (desired < current)
        {
            var limit = Math.Min(ScaleLimit(current, history, down, now, up: false), current);
            var (minimum, reason, message) = min < limit
                ? (limit, "ScaleDownLimit", "the desired replica count is decreasing faster than the maximum scale rate")
                : (min, "TooFewReplicas", "the desired replica count is less than the minimum replica count");
            if (desired < minimum)
            {
                return (minimum, reason, message);
            }
        }

        return (desired, WithinRange, WithinRangeMessage);
    }

    /// <summary>
    /// What the policies allow now, counted from the replicas at each period's start: the most replicas scaling up
    /// (<paramref name="up"/>), the fewest scaling down. selectPolicy Min takes the policy allowing the smaller
    /// change, Max the larger.
    /// </summary>
    private static int ScaleLimit(int current, ScalingHistory history, ScalingRules rules, DateTimeOffset now, bool up)
    {
        if (rules.SelectPolicy == ScalingRules.Disabled)
        {
            return current;
        }

        // The smaller change is the lower limit scaling up, the higher one scaling down.
        var lowest = up == (rules.SelectPolicy == ScalingRules.Min);
        var result = lowest ? int.MaxValue : int.MinValue;
        foreach (var policy in rules.Policies)
        {
            var periodStart = current - ChangesWithin(history.ScaleUps, policy.PeriodSeconds, now) + ChangesWithin(history.ScaleDowns, policy.PeriodSeconds, now);
            var proposed = (up, policy.Type == "Pods") switch
            {
                (true, true) => periodStart + policy.Value,
                (true, false) => (int)Math.Ceiling(periodStart * (1 + (policy.Value / 100.0))),
                (false, true) => periodStart - policy.Value,
                (false, false) => (int)(periodStart * (1 - (policy.Value / 100.0))),
            };
            result = lowest ? Math.Min(result, proposed) : Math.Max(result, proposed);
        }

        return result;
    }

    private static int ChangesWithin(List<ScaleChange> events, int periodSeconds, DateTimeOffset now)
    {
        var cutoff = now.AddSeconds(-periodSeconds);
        return events.Where(e => e.Time > cutoff).Sum(e => e.Replicas);
    }

    /// <summary>Upstream's stabilizeRecommendation: the highest recommendation within the window, this one included.</summary>
    private static int StabilizeDown(ScalingHistory history, int proposed, DateTimeOffset cutoff, DateTimeOffset now)
    {
        var highest = proposed;
        var reusable = -1;
        for (var i = 0; i < history.Recommendations.Count; i++)
        {
            var recommendation = history.Recommendations[i];
            if (recommendation.Time < cutoff)
            {
                reusable = i;
            }
            else
            {
                highest = Math.Max(highest, recommendation.Replicas);
            }
        }

        Record(history, reusable, proposed, now);
        return highest;
    }

    private static void Record(ScalingHistory history, int reusable, int proposed, DateTimeOffset now)
    {
        var recommendation = new TimestampedRecommendation(proposed, now);
        if (reusable >= 0)
        {
            history.Recommendations[reusable] = recommendation;
        }
        else
        {
            history.Recommendations.Add(recommendation);
        }
    }

    private static ConditionChange Able(string reason, string message) => new(HpaConditions.AbleToScale, "True", reason, message);

    private static ConditionChange Limited(bool limited, string reason, string message) =>
        new(HpaConditions.ScalingLimited, limited ? "True" : "False", reason, message);
}
