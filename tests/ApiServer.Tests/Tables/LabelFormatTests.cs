using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Tests.Tables;

public sealed class LabelFormatTests
{
    [Theory]
    [InlineData("""{"matchLabels":{"app":"web"}}""", "app=web", "app=web")]
    [InlineData("""{"matchLabels":{"tier":"front","app":"web"}}""", "app=web,tier=front", "app=web,tier=front")]
    [InlineData(
        """{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"env","operator":"In","values":["prod","dev"]},{"key":"canary","operator":"DoesNotExist"},{"key":"zone","operator":"NotIn","values":["b"]},{"key":"track","operator":"Exists"}]}""",
        "app=web,!canary,env in (dev,prod),track,zone notin (b)",
        "app=web,!canary,env in (dev,prod),track,zone notin (b)")]
    [InlineData("{}", "<none>", "")]
    [InlineData("null", "<none>", "")]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"In","values":[]}]}""", "<error>", "<invalid>")]
    [InlineData("""{"matchExpressions":[{"key":"env","operator":"Gt","values":["1"]}]}""", "<error>", "<invalid>")]
    public void Selectors_print_like_upstreams_label_selector(string selector, string formatted, string deploymentStyle)
    {
        var node = JsonNode.Parse(selector);

        Assert.Equal(formatted, LabelFormat.Selector(node));
        Assert.Equal(deploymentStyle, LabelFormat.SelectorOrEmpty(node));
    }

    [Fact]
    public void Label_maps_sort_by_key_and_print_none_when_empty()
    {
        Assert.Equal("a=1,b=2", LabelFormat.Labels([KeyValuePair.Create("b", "2"), KeyValuePair.Create("a", "1")]));
        Assert.Equal("<none>", LabelFormat.Labels([]));
    }
}
