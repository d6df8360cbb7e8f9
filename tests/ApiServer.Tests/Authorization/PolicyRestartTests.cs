using k8s;
using k8s.Models;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Tests.Authorization;

public sealed class PolicyRestartTests
{
    [Fact]
    public async Task A_changed_default_role_is_repaired_at_the_next_start_and_a_user_addition_survives()
    {
        using var pki = new TestPki();
        var directory = Directory.CreateTempSubdirectory("orchestrator-rbac-restart-").FullName;
        try
        {
            await using var store = StoreFactory.Open("sqlite://" + Path.Combine(directory, "state.db"));
            var options = new ApiServerOptions { Port = 0, Security = pki.Security("RBAC") };
            await using (var first = await ApiServerHost.StartAsync(store, options))
            {
                using var client = pki.AdminClient(first.Address);
                var role = await client.RbacAuthorizationV1.ReadClusterRoleAsync("system:kube-dns");
                role.Rules = [new V1PolicyRule { Verbs = ["get"], ApiGroups = [""], Resources = ["configmaps"] }];
                await client.RbacAuthorizationV1.ReplaceClusterRoleAsync(role, role.Metadata.Name);
                await client.RbacAuthorizationV1.DeleteClusterRoleBindingAsync("system:public-info-viewer");
            }

            await using var second = await ApiServerHost.StartAsync(store, options);
            using var again = pki.AdminClient(second.Address);
            var repaired = await again.RbacAuthorizationV1.ReadClusterRoleAsync("system:kube-dns");
            var binding = await again.RbacAuthorizationV1.ReadClusterRoleBindingAsync("system:public-info-viewer");

            Assert.Contains(repaired.Rules, r => r.Resources.SequenceEqual(["configmaps"]));
            Assert.Contains(repaired.Rules, r => r.Resources.Contains("services") && r.Verbs.Contains("watch"));
            Assert.Contains(repaired.Rules, r => r.Resources.Contains("endpointslices") && r.ApiGroups.Contains("discovery.k8s.io"));
            Assert.Equal(["system:authenticated", "system:unauthenticated"], binding.Subjects.Select(s => s.Name));
            Assert.Equal("true", repaired.Metadata.Annotations["rbac.authorization.kubernetes.io/autoupdate"]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
