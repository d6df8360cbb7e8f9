namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>The assertions every hostile case shares: a Status body, never a 500, and an answer within the time budget.</summary>
internal static class Expect
{
    /// <summary>
    /// The time one request may take. Idle, every hostile case answers in well under a second (a YAML
    /// flow sequence 15,000 deep, the slowest, in ~0.4 s: the scanner's simple-key stack is walked per
    /// token up to the 10,000 limit, as goyaml's is); CI runs test assemblies side by side on 2 cores,
    /// where that grew past 2 s. The defects this guards against took 29 s of CPU or never answered;
    /// it stays below the client's 10 s timeout so a hang is told from a slow answer.
    /// </summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(6);

    /// <summary>Exactly <paramref name="code"/> with a Status body; reason and a message substring when given.</summary>
    public static void Status(Answer answer, int code, string? reason = null, string? messageContains = null, TimeSpan? timeBudget = null)
    {
        Assert.True(answer.Code == code, $"expected {code}{(reason is null ? "" : " " + reason)}, got {answer}");
        StatusBody(answer, reason, messageContains, timeBudget);
    }

    /// <summary>Any 4xx with a Status body.</summary>
    public static void ClientError(Answer answer, string? reason = null, string? messageContains = null)
    {
        Assert.True(answer.Code is >= 400 and < 500, $"expected a 4xx, got {answer}");
        StatusBody(answer, reason, messageContains);
    }

    /// <summary>201 with the created object of <paramref name="kind"/>.</summary>
    public static void Created(Answer answer, string kind)
    {
        Assert.True(answer.Code == 201, $"expected 201 Created, got {answer}");
        Assert.True(answer.Kind == kind, $"expected a {kind} body, got {answer}");
        InTime(answer);
    }

    public static void InTime(Answer answer) => InTime(answer, Budget);

    private static void InTime(Answer answer, TimeSpan budget) =>
        Assert.True(answer.Elapsed <= budget, $"took {answer.Elapsed.TotalMilliseconds:F0} ms, more than {budget.TotalMilliseconds:F0} ms: {answer}");

    private static void StatusBody(Answer answer, string? reason, string? messageContains, TimeSpan? timeBudget = null)
    {
        Assert.True(answer.Kind == "Status", $"expected a JSON body of kind Status, got {answer}");
        if (reason is not null)
        {
            Assert.True(answer.Json?["reason"]?.GetValue<string>() == reason, $"expected reason {reason}, got {answer}");
        }

        if (messageContains is not null)
        {
            var message = answer.Json?["message"]?.GetValue<string>() ?? "";
            Assert.True(message.Contains(messageContains, StringComparison.Ordinal), $"expected a message containing \"{messageContains}\", got {answer}");
        }

        InTime(answer, timeBudget ?? Budget);
    }
}
