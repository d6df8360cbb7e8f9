using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Orchestrator.ApiMachinery.Images;

namespace Orchestrator.Client.Registry;

/// <summary>
/// Sending with auth, as distribution's token spec and containerd's docker authorizer do: anonymous first; on a
/// 401 <c>WWW-Authenticate: Basic</c> the credential as basic auth (and basic up front for that host from then
/// on); on <c>Bearer realm,service,scope</c> a token from the realm (with the credential as basic auth, if any),
/// cached per host, scope and user until its <c>expires_in</c> (60 s when absent) runs out.
/// </summary>
public sealed partial class RegistryClient
{
    private static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromSeconds(60);

    private async Task<RegistryResponse> SendAsync(ImageName name, HttpMethod method, string path, string[] accept, RegistryCredential? credential, string? ifNoneMatch, int maxBody, CancellationToken cancellationToken)
    {
        var scheme = IsPlainHttp(name.RegistryHost) ? "http" : "https";
        var uri = new Uri($"{scheme}://{name.RegistryHost}{path}");
        var scope = $"repository:{name.Repository}:pull";
        var key = new TokenKey(name.RegistryHost, scope, credential?.Username);
        var authorization = CachedAuthorization(key, credential);
        var response = await ExchangeAsync(method, uri, accept, ifNoneMatch, authorization, maxBody, cancellationToken);
        if (response.Status != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        var challenge = AuthChallenge.Parse(response.Challenge);
        if (challenge is { IsBasic: true })
        {
            if (credential is null)
            {
                throw new RegistryException($"{method} {uri}: registry asks for basic auth (401) and no credential was given (imagePullSecrets)");
            }

            _basicHosts[name.RegistryHost] = true;
            authorization = Basic(credential);
        }
        else if (challenge is { IsBearer: true })
        {
            authorization = new AuthenticationHeaderValue("Bearer", await FetchTokenAsync(challenge, key, credential, cancellationToken));
        }
        else
        {
            throw new RegistryException($"{method} {uri}: 401 with unsupported WWW-Authenticate \"{response.Challenge}\"");
        }

        response = await ExchangeAsync(method, uri, accept, ifNoneMatch, authorization, maxBody, cancellationToken);
        return response.Status == HttpStatusCode.Unauthorized
            ? throw new RegistryException($"{method} {uri}: 401 unauthorized {(credential is null ? "anonymously" : $"as {credential.Username}")}{(RegistryErrors.Message(response.Body) is { } detail ? ": " + detail : "")}")
            : response;
    }

    private AuthenticationHeaderValue? CachedAuthorization(TokenKey key, RegistryCredential? credential)
    {
        if (_tokens.TryGetValue(key, out var cached))
        {
            if (cached.Expires > _time.GetUtcNow())
            {
                return new AuthenticationHeaderValue("Bearer", cached.Token);
            }

            _tokens.TryRemove(new KeyValuePair<TokenKey, CachedToken>(key, cached));
        }

        return credential is not null && _basicHosts.ContainsKey(key.Host) ? Basic(credential) : null;
    }

    private async Task<string> FetchTokenAsync(AuthChallenge challenge, TokenKey key, RegistryCredential? credential, CancellationToken cancellationToken)
    {
        var realm = challenge["realm"];
        if (string.IsNullOrEmpty(realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
        {
            throw new RegistryException($"registry {key.Host}: Bearer challenge without an absolute realm: \"{realm}\"");
        }

        var query = new List<string>();
        if (challenge["service"] is { Length: > 0 } service)
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }

        query.Add("scope=" + Uri.EscapeDataString(challenge["scope"] is { Length: > 0 } asked ? asked : key.Scope));
        var builder = new UriBuilder(realmUri) { Query = string.Join('&', new[] { realmUri.Query.TrimStart('?') }.Where(q => q.Length > 0).Concat(query)) };
        var started = _time.GetUtcNow();
        var response = await ExchangeAsync(HttpMethod.Get, builder.Uri, ["application/json"], null, credential is null ? null : Basic(credential), _options.MaxTokenBytes, cancellationToken);
        if (!response.IsSuccess)
        {
            throw new RegistryException($"token server {realmUri.GetLeftPart(UriPartial.Path)} answered {(int)response.Status} {response.Status}{(RegistryErrors.Message(response.Body) is { } detail ? ": " + detail : "")}");
        }

        var (token, lifetime) = ParseToken(response.Body, realmUri);
        _tokens[key] = new CachedToken(token, started + lifetime);
        return token;
    }

    private static (string Token, TimeSpan Lifetime) ParseToken(byte[] body, Uri realm)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            string? token = null;
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in new[] { "token", "access_token" })
                {
                    if (root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } found)
                    {
                        token = found;
                        break;
                    }
                }
            }

            if (token is null)
            {
                throw new RegistryException($"token server {realm.GetLeftPart(UriPartial.Path)} answered no token or access_token");
            }

            var lifetime = root.TryGetProperty("expires_in", out var expires) && expires.ValueKind == JsonValueKind.Number && expires.TryGetInt32(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : DefaultTokenLifetime;
            return (token, lifetime);
        }
        catch (JsonException error)
        {
            throw new RegistryException($"token server {realm.GetLeftPart(UriPartial.Path)} answered no JSON: {error.Message}", error);
        }
    }

    private static AuthenticationHeaderValue Basic(RegistryCredential credential) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}")));

    private async Task<RegistryResponse> ExchangeAsync(HttpMethod method, Uri uri, string[] accept, string? ifNoneMatch, AuthenticationHeaderValue? authorization, int maxBody, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using var request = new HttpRequestMessage(method, uri);
        foreach (var type in accept)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        request.Headers.Authorization = authorization;
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = method == HttpMethod.Head ? [] : await ReadLimitedAsync(response.Content, maxBody, uri, timeout.Token);
            return new RegistryResponse(
                response.StatusCode,
                response.Headers.TryGetValues("Docker-Content-Digest", out var digest) ? digest.FirstOrDefault() : null,
                response.Headers.ETag?.ToString(),
                response.Content.Headers.ContentType?.MediaType,
                response.Headers.WwwAuthenticate.FirstOrDefault()?.ToString(),
                body);
        }
        catch (OperationCanceledException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryException($"{method} {uri}: no answer within {_options.RequestTimeout.TotalSeconds:0.###} s", error);
        }
        catch (HttpRequestException error)
        {
            throw new RegistryException($"{method} {uri}: {error.Message}", error);
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpContent content, int limit, Uri uri, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            throw new RegistryException($"GET {uri}: body of {content.Headers.ContentLength} bytes is over the {limit}-byte limit");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new RegistryException($"GET {uri}: body is over the {limit}-byte limit");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private readonly record struct TokenKey(string Host, string Scope, string? Username);

    private sealed record CachedToken(string Token, DateTimeOffset Expires);
}
