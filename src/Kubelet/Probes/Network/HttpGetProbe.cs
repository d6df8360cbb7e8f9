namespace Orchestrator.Kubelet.Probes.Network;

/// <summary>
/// upstream's HTTP prober (pkg/probe/http): a GET without keep-alive, TLS unverified, redirects followed
/// only while they stay on the probed host (at most 10), the body read up to 10 KiB.
/// </summary>
internal static class HttpGetProbe
{
    public const string UserAgent = "kube-probe/1.33";
    private const int MaxRedirects = 10;
    private const int MaxBodyBytes = 10 * 1024;

    public static HttpMessageInvoker CreateInvoker() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.Zero,

        // Probes check liveness, not identity: upstream skips certificate verification as well.
#pragma warning disable CA5359
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
#pragma warning restore CA5359
    });

    public static async Task<ProbeResult> GetAsync(
        HttpMessageInvoker invoker, Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        var current = url;
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                using var response = await invoker.SendAsync(Request(current, headers), cts.Token).ConfigureAwait(false);
                if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                {
                    var next = new Uri(current, location);
                    if (string.Equals(next.Host, url.Host, StringComparison.OrdinalIgnoreCase))
                    {
                        if (redirects == MaxRedirects)
                        {
                            return ProbeResult.Failure($"Get \"{next}\": stopped after {MaxRedirects} redirects");
                        }

                        current = next;
                        continue;
                    }
                }

                return await EvaluateAsync(response, cts.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeResult.Failure($"Get \"{current}\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        }
        catch (HttpRequestException e)
        {
            return ProbeResult.Failure($"Get \"{current}\": {e.Message}");
        }
    }

    private static HttpRequestMessage Request(Uri url, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version11 };
        request.Headers.ConnectionClose = true;
        var hasUserAgent = false;
        var hasAccept = false;
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
                continue;
            }

            hasUserAgent |= name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase);
            if (name.Equals("Accept", StringComparison.OrdinalIgnoreCase))
            {
                // An explicitly empty Accept removes the header, as upstream.
                hasAccept = true;
                if (value.Length == 0)
                {
                    continue;
                }
            }

            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (!hasUserAgent)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        }

        if (!hasAccept)
        {
            request.Headers.TryAddWithoutValidation("Accept", "*/*");
        }

        return request;
    }

    private static async Task<ProbeResult> EvaluateAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var code = (int)response.StatusCode;
        var body = await ReadBodyAsync(response, ct).ConfigureAwait(false);
        return code switch
        {
            >= 200 and < 300 => ProbeResult.Success(body),
            >= 300 and < 400 => new ProbeResult(ProbeOutcome.Warning, $"Probe terminated redirects, Response body: {body}"),
            _ => ProbeResult.Failure($"HTTP probe failed with statuscode: {code}"),
        };
    }

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxBodyBytes];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), ct).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            return Encoding.UTF8.GetString(buffer, 0, read);
        }
    }

    private static bool IsRedirect(HttpStatusCode code) => code is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
