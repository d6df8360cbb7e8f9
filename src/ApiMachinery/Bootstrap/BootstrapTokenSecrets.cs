namespace Orchestrator.ApiMachinery.Bootstrap;

/// <summary>The names of the bootstrap-token Secret and the cluster-info ConfigMap (upstream's bootstrap/token/api constants).</summary>
public static class BootstrapTokenSecrets
{
    public const string Namespace = "kube-system";
    public const string SecretType = "bootstrap.kubernetes.io/token";
    public const string NamePrefix = "bootstrap-token-";

    public const string TokenId = "token-id";
    public const string TokenSecret = "token-secret";
    public const string Expiration = "expiration";
    public const string Description = "description";
    public const string ExtraGroups = "auth-extra-groups";
    public const string UsageAuthentication = "usage-bootstrap-authentication";
    public const string UsageSigning = "usage-bootstrap-signing";

    /// <summary>The group every token user is in, and the prefix extra groups must carry.</summary>
    public const string BootstrappersGroup = "system:bootstrappers";

    /// <summary>The extra group kubeadm gives its default node tokens.</summary>
    public const string DefaultNodeTokenGroup = "system:bootstrappers:kubeadm:default-node-token";

    public const string UserPrefix = "system:bootstrap:";

    public const string PublicNamespace = "kube-public";
    public const string ClusterInfo = "cluster-info";
    public const string KubeconfigKey = "kubeconfig";
    public const string JwsKeyPrefix = "jws-kubeconfig-";

    public static string SecretName(string tokenId) => NamePrefix + tokenId;
}
