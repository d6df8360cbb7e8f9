using System.Net.Http.Headers;
using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Admission.Webhooks;

/// <summary>
/// Calls webhooks over HTTPS with <see cref="BackendClients"/> (the caBundle as the only trust; a service is
/// dialled through its endpoints and verified as <c>&lt;svc&gt;.&lt;ns&gt;.svc</c>), as upstream's webhook REST
/// client does: <c>POST &lt;url&gt;?timeout=&lt;n&gt;s</c> with the review as JSON, the timeout enforced here.
/// The call is synchronous (HttpClient.Send does its socket I/O on the calling thread), because admission
/// runs inside the synchronous write path; failures carry upstream's texts
/// (<c>failed to call webhook: Post "&lt;url&gt;": context deadline exceeded</c>).
/// </summary>
internal sealed class WebhookCaller(BackendClients clients) : IWebhookCaller
{
    /// <summary>Answers larger than this are refused rather than buffered.</summary>
    private const int MaxResponseBytes = 10 * 1024 * 1024;

    public JsonNode? Call(WebhookDefinition hook, JsonObject review, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hook);
        ArgumentNullException.ThrowIfNull(review);
        using var span = Tracing.BackendCallTracing.StartWebhook(hook.Configuration, hook.Name, hook.Mutating, review);
        try
        {
            return CallOnce(hook, review, cancellationToken);
        }
        catch (WebhookCallException e)
        {
            Tracing.BackendCallTracing.Failed(span, e);
            throw;
        }
    }

    private JsonNode? CallOnce(WebhookDefinition hook, JsonObject review, CancellationToken cancellationToken)
    {
        var target = hook.Target;
        if (target.Problem is { } problem)
        {
            throw new WebhookCallException(hook.Name, problem);
        }

        HttpClient client;
        try
        {
            client = clients.For(new BackendTls(target.CaBundle), routeServices: target.Service is not null);
        }
        catch (ArgumentException e)
        {
            throw new WebhookCallException(hook.Name, "could not get REST client: " + e.Message, e);
        }

        var url = WithTimeout(target.Address, hook.TimeoutSeconds);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(hook.TimeoutSeconds));
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            byte[] body;

            // Synchronous reads of the body do not watch the token: the deadline aborts the connection instead.
            using (deadline.Token.Register(response.Dispose))
            {
                body = ReadBody(response, deadline.Token);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new WebhookCallException(hook.Name, "failed to call webhook: " + HttpError((int)response.StatusCode, body));
            }

            return JsonNode.Parse(body);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new WebhookCallException(hook.Name, $"failed to call webhook: Post \"{url}\": context deadline exceeded", e);
        }
        catch (OperationCanceledException e)
        {
            throw new WebhookCallException(hook.Name, $"failed to call webhook: Post \"{url}\": context canceled", e);
        }
        catch (HttpRequestException e)
        {
            throw new WebhookCallException(hook.Name, $"failed to call webhook: Post \"{url}\": {Innermost(e)}", e);
        }
        catch (JsonException e)
        {
            throw new WebhookCallException(hook.Name, "failed to call webhook: " + e.Message, e);
        }
    }

    /// <summary>The URL with upstream's <c>timeout</c> parameter, which tells the webhook how long it has.</summary>
    internal static Uri WithTimeout(Uri address, int seconds) =>
        new UriBuilder(address) { Query = "timeout=" + seconds.ToString(CultureInfo.InvariantCulture) + "s" }.Uri;

    /// <summary>What client-go says of a non-2xx answer: a Status body's message, else its generic text.</summary>
    internal static string HttpError(int code, byte[] body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject { } status && status.String("kind") == "Status" && status.String("message") is { Length: > 0 } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Not a Status: client-go's generic texts follow.
        }

        return code switch
        {
            404 => "the server could not find the requested resource",
            >= 500 => $"an error on the server (\"{Encoding.UTF8.GetString(body)}\") has prevented the request from succeeding",
            _ => $"the server responded with the status code {code} but did not return more information",
        };
    }

    private static byte[] ReadBody(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using var stream = response.Content.ReadAsStream(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                throw new HttpRequestException($"the response is larger than {MaxResponseBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e.Message;
    }
}
