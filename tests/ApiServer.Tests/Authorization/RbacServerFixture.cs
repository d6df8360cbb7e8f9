namespace Orchestrator.ApiServer.Tests.Authorization;

/// <summary>One secured API server authorizing with RBAC, its bootstrap policy in place, and an administrator's kubectl.</summary>
public sealed class RbacServerFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-rbac-").FullName;

    public TestPki Pki { get; } = new();

    public InProcessApiServer Server { get; private set; } = null!;

    public Kubectl Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await InProcessApiServer.StartSecureAsync(Pki, "RBAC");
        Admin = KubectlAs("admin", "system:masters");
    }

    /// <summary>A kubectl 1.33 that authenticates with a client certificate of <paramref name="user"/> in <paramref name="groups"/>.</summary>
    public Kubectl KubectlAs(string user, params string[] groups) =>
        new("1.33", CertificateKubeconfig.Write(Pki, Server.Address, _directory, user, groups));

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Server.DisposeAsync();
        Pki.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
