using System.Text.Json;
using Orchestrator.Kubelet.Runtime.Containerd;
using Orchestrator.Kubelet.Runtime.Cri.Client;
using Orchestrator.Kubelet.Runtime.Cri.Api;
using Orchestrator.Kubelet.Images;
using Orchestrator.Testing;
using Orchestrator.Kubelet.Images.Local;

namespace Orchestrator.Kubelet.Tests.Runtime.Containerd;

[Collection(ContainerdCollection.Name)]
public sealed class ContainerdFixtureTests(ContainerdFixture fixture)
{
    [Fact]
    public async Task Both_local_images_are_in_the_cri_namespace()
    {
        var images = await ImageImporter.ListAsync(fixture.SocketPath);

        Assert.Contains(fixture.BusyboxImage, images);
        Assert.Contains(fixture.PauseImage, images);
    }

    [Fact]
    public async Task The_registry_serves_the_pushed_busybox_manifest()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Registry.BaseAddress, "/v2/busybox/manifests/1.35"));
        request.Headers.Accept.ParseAdd(OciMediaTypes.Manifest);

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.True(response.IsSuccessStatusCode, $"GET manifest: {(int)response.StatusCode}");
        Assert.Equal(fixture.Busybox.Digest, OciBlob.DigestOf(body));
        Assert.Equal(fixture.Busybox.Digest, response.Headers.GetValues("Docker-Content-Digest").Single());
        using var manifest = JsonDocument.Parse(body);
        Assert.Equal(fixture.Busybox.Config.Digest, manifest.RootElement.GetProperty("config").GetProperty("digest").GetString());
    }

    [Fact]
    public async Task A_docker_hub_name_pulls_from_the_local_registry_through_the_mirror()
    {
        using var cri = CriClient.Connect(fixture.Endpoint);

        var pulled = await cri.Images.PullImageAsync(new PullImageRequest { Image = new ImageSpec { Image = fixture.MirroredBusyboxImage } });

        Assert.Equal(fixture.Busybox.Config.Digest, pulled.ImageRef);
    }

    [Fact]
    public void The_cni_conflist_names_the_fixture_bridge_and_subnet()
    {
        var conflist = File.ReadAllText(Path.Combine(fixture.Config.CniConfDir, CniConfig.FileName));

        Assert.Contains(fixture.PodCidr, conflist, StringComparison.Ordinal);
        Assert.Equal([fixture.BridgeName], ContainerdCleanup.BridgesIn(fixture.Config.CniConfDir));
        Assert.Equal("unix://" + fixture.SocketPath, fixture.Endpoint);
    }
}
