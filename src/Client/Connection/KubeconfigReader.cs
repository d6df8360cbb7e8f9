using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Orchestrator.Client.Connection;

/// <summary>
/// Reads kubeconfig files from YAML's node tree instead of through KubernetesClient's <c>KubernetesYaml</c>, whose
/// static constructor calls <c>GetTypes()</c> on the whole KubernetesClient assembly: about 7,000 types (every model,
/// every operation's state machine) loaded into memory for good, by a process that reads one small file. The fields
/// read are the ones kubeconfigs written by kubeadm and by this project carry: a cluster's <c>server</c>, CA (file or
/// data), <c>tls-server-name</c> and <c>insecure-skip-tls-verify</c>; a user's client certificate and key (files or
/// data) and <c>token</c>; a context's cluster, user and namespace. When the current context's cluster or user holds
/// any other field (<c>exec</c>, <c>auth-provider</c>, <c>username</c>, <c>proxy-url</c>, …), <see cref="Load"/>
/// hands the file to KubernetesClient's own loader, which reads everything: nothing is silently dropped.
/// </summary>
public static class KubeconfigReader
{
    private static readonly HashSet<string> ClusterFields = ["server", "certificate-authority", "certificate-authority-data", "tls-server-name", "insecure-skip-tls-verify"];
    private static readonly HashSet<string> UserFields = ["client-certificate", "client-certificate-data", "client-key", "client-key-data", "token"];

    /// <summary>The client configuration of the current context of the kubeconfig at <paramref name="path"/>.</summary>
    /// <exception cref="KubeConfigException">The file is not a kubeconfig, or its current context is missing.</exception>
    public static KubernetesClientConfiguration Load(string path)
    {
        var (config, complete) = Read(File.ReadAllText(path), path);
        return complete
            ? KubernetesClientConfiguration.BuildConfigFromConfigObject(config)
            : KubernetesClientConfiguration.BuildConfigFromConfigFile(path);
    }

    /// <summary>
    /// The clusters, users and contexts of a kubeconfig held in <paramref name="text"/> (e.g. cluster-info's), with the
    /// fields this reader knows; a user's other credentials are not read (<see cref="Load"/> falls back for them).
    /// </summary>
    public static K8SConfiguration Parse(string text) => Read(text, fileName: null).Config;

    /// <summary>The configuration, and whether every field of the current context's cluster and user was read.</summary>
    private static (K8SConfiguration Config, bool Complete) Read(string text, string? fileName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new KubeConfigException($"kubeconfig {fileName ?? "text"} is not valid YAML: {e.Message}");
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new KubeConfigException($"kubeconfig {fileName ?? "text"} is not one YAML mapping");
        }

        var clusters = Named(root, "clusters", "cluster").ToList();
        var users = Named(root, "users", "user").ToList();
        var contexts = Named(root, "contexts", "context").ToList();
        var config = new K8SConfiguration
        {
            FileName = fileName,
            CurrentContext = Text(root, "current-context"),
            Clusters = [.. clusters.Select(c => new Cluster { Name = c.Name, ClusterEndpoint = Endpoint(c.Body) })],
            Users = [.. users.Select(u => new User { Name = u.Name, UserCredentials = Credentials(u.Body) })],
            Contexts = [.. contexts.Select(c => new Context { Name = c.Name, ContextDetails = new ContextDetails { Cluster = Text(c.Body, "cluster"), User = Text(c.Body, "user"), Namespace = Text(c.Body, "namespace") } })],
        };

        var current = contexts.FirstOrDefault(c => c.Name == config.CurrentContext).Body;
        var complete = current is null
            || (OnlyKnown(clusters, Text(current, "cluster"), ClusterFields) && OnlyKnown(users, Text(current, "user"), UserFields));
        return (config, complete);
    }

    private static bool OnlyKnown(List<(string Name, YamlMappingNode Body)> entries, string? name, HashSet<string> known) =>
        entries.FirstOrDefault(e => e.Name == name).Body is not { } body
        || body.Children.Keys.All(k => k is YamlScalarNode { Value: { } key } && known.Contains(key));

    private static ClusterEndpoint Endpoint(YamlMappingNode cluster) => new()
    {
        Server = Text(cluster, "server"),
        CertificateAuthority = Text(cluster, "certificate-authority"),
        CertificateAuthorityData = Text(cluster, "certificate-authority-data"),
        TlsServerName = Text(cluster, "tls-server-name"),
        SkipTlsVerify = string.Equals(Text(cluster, "insecure-skip-tls-verify"), "true", StringComparison.OrdinalIgnoreCase),
    };

    private static UserCredentials Credentials(YamlMappingNode user) => new()
    {
        ClientCertificate = Text(user, "client-certificate"),
        ClientCertificateData = Text(user, "client-certificate-data"),
        ClientKey = Text(user, "client-key"),
        ClientKeyData = Text(user, "client-key-data"),
        Token = Text(user, "token"),
    };

    /// <summary>The entries of a named list (clusters, users, contexts): each <c>{name: N, FIELD: {...}}</c>.</summary>
    private static IEnumerable<(string Name, YamlMappingNode Body)> Named(YamlMappingNode root, string list, string field)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(list), out var node) || node is not YamlSequenceNode entries)
        {
            yield break;
        }

        foreach (var entry in entries.OfType<YamlMappingNode>())
        {
            // kubeadm's cluster-info names its one cluster "": present but empty is a name.
            var name = entry.Children.TryGetValue(new YamlScalarNode("name"), out var named) && named is YamlScalarNode { Value: { } text }
                ? text
                : throw new KubeConfigException($"an entry of {list} has no name");
            var body = entry.Children.TryGetValue(new YamlScalarNode(field), out var value) && value is YamlMappingNode mapping ? mapping : new YamlMappingNode();
            yield return (name, body);
        }
    }

    private static string? Text(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text } ? text : null;
}
