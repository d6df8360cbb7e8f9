using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrator.Client;
using Orchestrator.Testing;
using static Orchestrator.Client.Tests.Informers.ScriptedListWatch;

namespace Orchestrator.Client.Tests.Informers;

/// <summary>The single-object informer against a scripted server: by-name requests, relist on 410, stop.</summary>
public sealed class SingleObjectInformerTests
{
    [Fact]
    public async Task Lists_and_watches_by_name_relists_on_Gone_and_keeps_the_last_state_when_stopped()
    {
        var server = new ScriptedListWatch();
        server.EnqueueList("10", Map("cfg", "5"));
        server.EnqueueList("30", Map("cfg", "25"));
        await using var informer = new SingleObjectInformer<V1ConfigMap>(Substitute(), server.ListWatch, new NamespacedName("ns", "cfg"), NullLogger.Instance);

        informer.Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("5", informer.Current?.Metadata.ResourceVersion);
        server.Event(WatchEventType.Modified, Map("cfg", "20"));
        await Eventually.TrueAsync(() => informer.Current?.Metadata.ResourceVersion == "20", "the modified object in the cache");
        server.Fail(new KubernetesException(new V1Status { Code = 410, Reason = "Expired", Message = "too old resource version" }));
        await Eventually.TrueAsync(() => server.WatchRequests.Count == 2, "a second watch after the relist");

        Assert.Equal("25", informer.Current?.Metadata.ResourceVersion);
        Assert.All(server.ListRequests.Concat(server.WatchRequests), r => Assert.Equal("metadata.name=cfg", r.FieldSelector));
        Assert.Equal(["10", "30"], server.WatchRequests.Select(r => r.ResourceVersion));
        Assert.True(informer.IsWatching);

        await informer.Stop().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(informer.IsWatching);
        Assert.Equal("25", informer.Current?.Metadata.ResourceVersion);
    }

    [Theory]
    [InlineData("plain", "metadata.name=plain")]
    [InlineData(@"a,b=c\d", @"metadata.name=a\,b\=c\\d")]
    public void The_selector_escapes_the_name_as_upstream_fields_Set_does(string name, string selector) =>
        Assert.Equal(selector, SingleObjectInformer<V1ConfigMap>.FieldSelectorFor(name));

    private static IKubernetes Substitute() => NSubstitute.Substitute.For<IKubernetes>();
}
