namespace Orchestrator.ApiServer.Streaming;

/// <summary>pods/log's query (upstream's PodLogOptions) and the kubelet containerLogs query made from it.</summary>
internal sealed record PodLogOptions(
    string? Container,
    bool Follow,
    bool Previous,
    bool Timestamps,
    long? SinceSeconds,
    DateTimeOffset? SinceTime,
    long? TailLines,
    long? LimitBytes)
{
    public static PodLogOptions FromQuery(IQueryCollection query) => new(
        query["container"].ToString() is { Length: > 0 } c ? c : null,
        QueryValues.Bool(query, "follow") ?? false,
        QueryValues.Bool(query, "previous") ?? false,
        QueryValues.Bool(query, "timestamps") ?? false,
        QueryValues.Int64(query, "sinceSeconds"),
        QueryValues.Time(query, "sinceTime"),
        QueryValues.Int64(query, "tailLines"),
        QueryValues.Int64(query, "limitBytes"));

    /// <summary>Upstream's ValidatePodLogOptions: a 422 for PodLogOptions naming every bad field.</summary>
    public void Validate(ResourceDefinition pods, string podName)
    {
        var causes = new List<StatusCause>();
        if (TailLines is < 0)
        {
            causes.Add(FieldErrors.InvalidNumber("tailLines", TailLines.Value, "must be greater than or equal to 0"));
        }

        if (LimitBytes is < 1)
        {
            causes.Add(FieldErrors.InvalidNumber("limitBytes", LimitBytes.Value, "must be greater than 0"));
        }

        if (SinceSeconds is not null && SinceTime is not null)
        {
            causes.Add(FieldErrors.Forbidden("", "at most one of `sinceTime` or `sinceSeconds` may be specified"));
        }
        else if (SinceSeconds is < 1)
        {
            causes.Add(FieldErrors.InvalidNumber("sinceSeconds", SinceSeconds.Value, "must be greater than 0"));
        }

        if (causes.Count > 0)
        {
            throw ApiErrors.Invalid(pods with { Kind = "PodLogOptions" }, podName, causes);
        }
    }

    /// <summary>The kubelet's query, in upstream's LogLocation order and spelling.</summary>
    public string KubeletQuery()
    {
        var query = new QueryBuilder();
        query.AddIf(Follow, "follow", "true");
        query.AddIf(Previous, "previous", "true");
        query.AddIf(Timestamps, "timestamps", "true");
        if (SinceSeconds is { } seconds)
        {
            query.Add("sinceSeconds", seconds.ToString(CultureInfo.InvariantCulture));
        }

        if (SinceTime is { } time)
        {
            query.Add("sinceTime", time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        if (TailLines is { } lines)
        {
            query.Add("tailLines", lines.ToString(CultureInfo.InvariantCulture));
        }

        if (LimitBytes is { } limit)
        {
            query.Add("limitBytes", limit.ToString(CultureInfo.InvariantCulture));
        }

        return query.ToString();
    }
}
