using System.IO.Compression;

namespace Orchestrator.ApiServer.Proxy;

/// <summary>
/// The body half of upstream's proxy transport: a text/html answer (plain, gzip or deflate) is read whole and the
/// URL-valued attributes of its tags (<see cref="HtmlUrlAttributes"/>) are moved under the proxy prefix, so the page's
/// links keep working through the proxy; the rewritten body goes out with its new length. Other answers stream through.
/// </summary>
internal static class HtmlLinks
{
    /// <summary>Writes the rewritten page and returns true; false when the answer is not HTML this can rewrite.</summary>
    public static async Task<bool> TryRewriteAsync(HttpContext context, HttpResponseMessage response, ProxyUrlRewriter rewriter, CancellationToken cancellationToken)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var encoding = string.Join(",", response.Content.Headers.ContentEncoding);
        if (!string.Equals(mediaType, "text/html", StringComparison.OrdinalIgnoreCase) || encoding is not ("" or "gzip" or "deflate"))
        {
            return false;
        }

        await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var decoded = encoding switch
        {
            "gzip" => new GZipStream(source, CompressionMode.Decompress),
            "deflate" => new DeflateStream(source, CompressionMode.Decompress),
            _ => source,
        };
        using var reader = new StreamReader(decoded, Encoding.UTF8);
        var page = HtmlUrlAttributes.Rewrite(await reader.ReadToEndAsync(cancellationToken), rewriter.Rewrite);

        var body = encoding.Length == 0 ? Encoding.UTF8.GetBytes(page) : Compress(page, encoding);
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, cancellationToken);
        return true;
    }

    private static byte[] Compress(string page, string encoding)
    {
        using var buffer = new MemoryStream();
        using (Stream encoder = encoding == "gzip"
            ? new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true)
            : new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            encoder.Write(Encoding.UTF8.GetBytes(page));
        }

        return buffer.ToArray();
    }
}
