namespace Orchestrator.ApiServer.Streaming;

/// <summary>pods/portforward's query (upstream's PodPortForwardOptions: optional repeated <c>ports</c>).</summary>
internal sealed record PortForwardOptions(IReadOnlyList<int> Ports)
{
    public static PortForwardOptions FromQuery(IQueryCollection query) =>
        new([.. query["ports"].Select(text =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
                ? port
                : throw ApiErrors.BadRequest($"ports: strconv.ParseInt: parsing {GoText.Quote(text ?? "")}: invalid syntax"))]);

    /// <summary>The kubelet's /portForward query: <c>?port=80,443</c>, or nothing.</summary>
    public string KubeletQuery()
    {
        var query = new QueryBuilder();
        if (Ports.Count > 0)
        {
            query.Add("port", string.Join(',', Ports.Select(p => p.ToString(CultureInfo.InvariantCulture))));
        }

        return query.ToString();
    }
}
