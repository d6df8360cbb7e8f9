namespace Orchestrator.ApiServer.CustomResources.Schema.Cel;

/// <summary>The URL value of Kubernetes' CEL URL library (an absolute URI or an absolute path, as Go's url.ParseRequestURI).</summary>
internal sealed record CelUrl(string Scheme, string Host, string Hostname, string Port, string EscapedPath, string Query)
{
    public static CelUrl Parse(string text) =>
        TryParse(text, out var url) ? url : throw new InvalidOperationException($"URL parse error during conversion from string: parse {ApiMachinery.Text.GoText.Quote(text)}: invalid URI for request");

    public static bool TryParse(string text, out CelUrl url)
    {
        url = new CelUrl("", "", "", "", "", "");
        if (text.StartsWith('/'))
        {
            var query = text.IndexOf('?', StringComparison.Ordinal);
            url = url with { EscapedPath = query < 0 ? text : text[..query], Query = query < 0 ? "" : text[(query + 1)..] };
            return true;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var port = uri.IsDefaultPort || text.IndexOf(":" + uri.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) < 0
            ? ""
            : uri.Port.ToString(CultureInfo.InvariantCulture);
        var hostname = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        var host = uri.HostNameType == UriHostNameType.IPv6 ? "[" + hostname + "]" : hostname;
        url = new CelUrl(uri.Scheme, port.Length == 0 ? host : host + ":" + port, hostname, port, uri.AbsolutePath, uri.Query.TrimStart('?'));
        return true;
    }
}
