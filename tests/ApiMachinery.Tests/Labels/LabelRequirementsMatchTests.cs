using Orchestrator.ApiMachinery.Labels;

namespace Orchestrator.ApiMachinery.Tests.Labels;

public sealed class LabelRequirementsMatchTests
{
    [Theory]
    [InlineData("app=web", "app=web", true)]
    [InlineData("app=web", "app=db", false)]
    [InlineData("app=web", "", false)]
    [InlineData("app==web", "app=web,tier=fe", true)]
    [InlineData("app!=web", "app=db", true)]
    [InlineData("app!=web", "app=web", false)]
    [InlineData("app!=web", "", true)]
    [InlineData("app in (web,db)", "app=db", true)]
    [InlineData("app in (web,db)", "app=cache", false)]
    [InlineData("app in (web,db)", "", false)]
    [InlineData("app notin (web,db)", "app=cache", true)]
    [InlineData("app notin (web,db)", "app=web", false)]
    [InlineData("app notin (web,db)", "", true)]
    [InlineData("app", "app=", true)]
    [InlineData("app", "other=x", false)]
    [InlineData("!app", "other=x", true)]
    [InlineData("!app", "app=x", false)]
    [InlineData("app=", "app=", true)]
    [InlineData("app=", "", false)]
    [InlineData("app in ()", "app=", true)]
    [InlineData("replicas>2", "replicas=3", true)]
    [InlineData("replicas>2", "replicas=2", false)]
    [InlineData("replicas>2", "replicas=x", false)]
    [InlineData("replicas>2", "", false)]
    [InlineData("replicas<2", "replicas=-1", true)]
    [InlineData("app=web,tier!=db,!canary", "app=web,tier=fe", true)]
    [InlineData("app=web,tier!=db,!canary", "app=web,tier=fe,canary=true", false)]
    [InlineData("app=web,app=db", "app=web", false)]
    [InlineData("App=web", "app=web", false)]
    public void Requirements_are_anded(string selector, string labels, bool matches)
    {
        var set = labels.Length == 0
            ? new Dictionary<string, string>()
            : labels.Split(',').Select(pair => pair.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);

        Assert.Equal(matches, LabelRequirements.Parse(selector).Matches(set));
    }

    [Theory]
    [InlineData("app!=web", true)]
    [InlineData("!app", true)]
    [InlineData("app notin (x)", true)]
    [InlineData("app=web", false)]
    [InlineData("app", false)]
    public void An_object_without_labels_is_matched_like_an_empty_set(string selector, bool matches)
    {
        Assert.Equal(matches, LabelRequirements.Parse(selector).Matches(null));
    }
}
