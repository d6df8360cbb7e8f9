namespace Orchestrator.ApiServer.Aggregation;

/// <summary>
/// ConfigMap kube-system/extension-apiserver-authentication, as kube-apiserver publishes it (its cluster
/// authentication trust controller): the client CA, and what an aggregated API server needs to believe the front
/// proxy's headers: the CA of our front-proxy client certificate, the names it may carry and the header names. Real
/// aggregated servers (metrics-server, the sample-apiserver) read it at start through the
/// extension-apiserver-authentication-reader role. Written at start: created, or its data replaced when it differs.
/// </summary>
internal sealed class ExtensionApiServerAuthentication(IStore store, ResourceRegistry registry, RegistryRules rules)
{
    public const string Namespace = "kube-system";
    public const string Name = "extension-apiserver-authentication";

    /// <summary>The ConfigMap's data for <paramref name="security"/>; null when there is no front proxy to describe.</summary>
    public static JsonObject? Data(ApiServerSecurity security)
    {
        ArgumentNullException.ThrowIfNull(security);
        if (security.FrontProxyCertificateAuthority is not { } frontProxyCa || security.FrontProxyClientCertificate is not { } client)
        {
            return null;
        }

        return new JsonObject
        {
            ["client-ca-file"] = Pem.Certificate(security.ClientCertificateAuthority),
            ["requestheader-allowed-names"] = Strings(client.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, forIssuer: false)),
            ["requestheader-client-ca-file"] = Pem.Certificate(frontProxyCa),
            ["requestheader-extra-headers-prefix"] = Strings(ProxyHeaders.ExtraPrefix),
            ["requestheader-group-headers"] = Strings(ProxyHeaders.Group),
            ["requestheader-username-headers"] = Strings(ProxyHeaders.User),
        };
    }

    public async Task EnsureAsync(ApiServerSecurity? security, CancellationToken cancellationToken)
    {
        if (security is null || Data(security) is not { } data)
        {
            return;
        }

        var resource = registry.Find("", "v1", "configmaps")!;
        var key = ObjectKeys.Item(resource, Namespace, Name);
        if (await store.GetAsync(key, cancellationToken) is null)
        {
            var configMap = new JsonObject
            {
                ["kind"] = resource.Kind,
                ["apiVersion"] = resource.ApiVersion,
                ["metadata"] = new JsonObject { ["name"] = Name, ["namespace"] = Namespace },
                ["data"] = data,
            };
            rules.PrepareCreate(resource, configMap, Namespace);
            try
            {
                await store.CreateAsync(key, StoredObject.Encode(configMap), null, cancellationToken);
                return;
            }
            catch (StoreKeyExistsException)
            {
                // Created meanwhile: brought up to date below.
            }
        }

        await GuaranteedUpdate.RunAsync(store, resource, Namespace, Name, null, dryRun: false, stored =>
        {
            if (JsonNode.DeepEquals(stored["data"], data))
            {
                return UpdateDecision.Write(stored);
            }

            var updated = stored.DeepClone().AsObject();
            updated["data"] = data.DeepClone();
            rules.PrepareUpdate(resource, stored, updated, null);
            return UpdateDecision.Write(updated);
        }, cancellationToken);
    }

    /// <summary>Upstream stores each list as a JSON array in a string.</summary>
    private static string Strings(string value) => new JsonArray(value).ToJsonString();
}
