using k8s.Models;
using Orchestrator.ApiMachinery.Labels;
using Orchestrator.ApiMachinery.Selection;

namespace Orchestrator.ApiMachinery.Tests.Labels;

/// <summary>V1LabelSelector (deployment.spec.selector and friends) as upstream's LabelSelectorAsSelector reads it.</summary>
public sealed class LabelRequirementsFromApiTests
{
    [Fact]
    public void Match_labels_and_expressions_become_sorted_requirements()
    {
        var selector = LabelRequirements.FromLabelSelector(new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["tier"] = "fe", ["app"] = "web" },
            MatchExpressions =
            [
                Expression("env", "In", ["prod", "staging"]),
                Expression("canary", "DoesNotExist", null),
                Expression("zone", "NotIn", ["b"]),
                Expression("owner", "Exists", null),
            ],
        });

        Assert.Equal("app=web,!canary,env in (prod,staging),owner,tier=fe,zone notin (b)", selector.ToString());
    }

    [Theory]
    [InlineData("app=web,tier=fe,env=prod,owner=me", true)]
    [InlineData("app=web,tier=fe,env=dev,owner=me", false)]
    [InlineData("app=web,tier=fe,env=prod", false)]
    [InlineData("app=web,tier=fe,env=prod,owner=me,canary=1", false)]
    [InlineData("app=web,env=prod,owner=me", false)]
    public void Match_labels_and_expressions_must_all_hold(string labels, bool matches)
    {
        var selector = LabelRequirements.FromLabelSelector(new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "web", ["tier"] = "fe" },
            MatchExpressions =
            [
                Expression("env", "In", ["prod", "staging"]),
                Expression("canary", "DoesNotExist", null),
                Expression("owner", "Exists", null),
            ],
        });
        var set = labels.Split(',').Select(pair => pair.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);

        Assert.Equal(matches, selector.Matches(set));
    }

    [Fact]
    public void A_null_selector_selects_nothing()
    {
        var selector = LabelRequirements.FromLabelSelector(null);

        Assert.False(selector.Matches(new Dictionary<string, string>()));
        Assert.False(selector.Matches(null));
        Assert.False(selector.IsEverything);
    }

    [Fact]
    public void An_empty_selector_selects_everything()
    {
        var selector = LabelRequirements.FromLabelSelector(new V1LabelSelector { MatchLabels = new Dictionary<string, string>(), MatchExpressions = [] });

        Assert.True(selector.IsEverything);
        Assert.True(selector.Matches(new Dictionary<string, string> { ["any"] = "thing" }));
        Assert.True(selector.Matches(null));
    }

    [Theory]
    [InlineData("app", "Equals", null, "\"Equals\" is not a valid label selector operator")]
    [InlineData("app", "in", null, "\"in\" is not a valid label selector operator")]
    [InlineData("app", "In", null, "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("app", "NotIn", "", "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty")]
    [InlineData("app", "Exists", "x", "values: Invalid value: [\"x\"]: values set must be empty for exists and does not exist")]
    [InlineData("app", "DoesNotExist", "x,y", "values: Invalid value: [\"x\",\"y\"]: values set must be empty for exists and does not exist")]
    [InlineData("bad key", "Exists", null, "key: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")]
    [InlineData("app", "In", "ok,bad value", "values[1][app]: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    public void Invalid_expressions_fail_with_upstream_messages(string key, string op, string? values, string message)
    {
        var expression = Expression(key, op, values is null ? null : values.Length == 0 ? [] : values.Split(','));

        var error = Assert.Throws<SelectorException>(() => LabelRequirements.FromLabelSelector(new V1LabelSelector { MatchExpressions = [expression] }));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Invalid_match_labels_fail_with_upstream_messages()
    {
        var error = Assert.Throws<SelectorException>(() => LabelRequirements.FromLabelSelector(new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "-web" },
        }));

        Assert.StartsWith("values[0][app]: Invalid value: \"-web\": a valid label must be an empty string", error.Message, StringComparison.Ordinal);
    }

    private static V1LabelSelectorRequirement Expression(string key, string op, IList<string>? values) =>
        new() { Key = key, OperatorProperty = op, Values = values };
}
