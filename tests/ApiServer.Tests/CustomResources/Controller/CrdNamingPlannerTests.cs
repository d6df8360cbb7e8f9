using System.Text.Json.Nodes;
using Orchestrator.ApiServer.CustomResources;
using Orchestrator.ApiServer.CustomResources.Controller;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.CustomResources.Controller;

public sealed class CrdNamingPlannerTests
{
    [Theory]
    // plural, singular, kind, shortNames of the new CRD; expected NamesAccepted status, reason, message
    [InlineData("crontabs", "crontab", "CronTab", "ct", "True", "NoConflicts", "no conflicts found")]
    [InlineData("wd", "crontab2", "CronTab2", "ct2", "False", "PluralConflict", "\"wd\" is already in use")]
    [InlineData("crontabs", "widget", "CronTab", "ct", "False", "SingularConflict", "\"widget\" is already in use")]
    [InlineData("crontabs", "crontab", "CronTab", "wd", "False", "ShortNamesConflict", "\"wd\" is already in use")]
    // Each check overwrites the condition, as upstream's: a taken kind implies a taken list kind, reported last.
    [InlineData("crontabs", "crontab", "Widget", "ct", "False", "ListKindConflict", "\"WidgetList\" is already in use")]
    public void Names_are_accepted_unless_another_crd_of_the_group_holds_them(
        string plural, string singular, string kind, string shortName, string status, string reason, string message)
    {
        var other = Crd("widgets", "widget", "Widget", ["wd"], accepted: true);
        var crd = Crd(plural, singular, kind, [shortName], accepted: false);

        var plan = CrdNamingPlanner.Plan(crd, [other, crd], []);

        var names = plan.Conditions.Single(c => c.Type == "NamesAccepted");
        Assert.Equal((status, reason, message), (names.Status, names.Reason, names.Message));
        var established = plan.Conditions.Single(c => c.Type == "Established");
        Assert.Equal(status == "True" ? ("True", "InitialNamesAccepted") : ("False", "NotAccepted"), (established.Status, established.Reason));
        Assert.Equal(status == "True", plan.Serve);
    }

    [Fact]
    public void A_conflicting_name_keeps_the_accepted_one_and_the_others_are_granted()
    {
        var other = Crd("widgets", "widget", "Widget", ["gadgets"], accepted: true);
        var crd = Crd("gadgets", "gadget", "Gadget", [], accepted: false);

        var plan = CrdNamingPlanner.Plan(crd, [other], []);

        Assert.Equal("", plan.AcceptedNames.Plural);
        Assert.Equal(("gadget", "Gadget", "GadgetList"), (plan.AcceptedNames.Singular, plan.AcceptedNames.Kind, plan.AcceptedNames.ListKind));
        Assert.False(plan.Serve);
    }

    [Fact]
    public void Crds_of_another_group_never_conflict()
    {
        var other = Crd("widgets", "widget", "Widget", ["wd"], accepted: true, group: "other.example.com");
        var crd = Crd("widgets", "widget", "Widget", ["wd"], accepted: false);

        var plan = CrdNamingPlanner.Plan(crd, [other], []);

        Assert.True(plan.Serve);
        Assert.Equal("widgets", plan.AcceptedNames.Plural);
    }

    [Fact]
    public void A_built_in_resource_of_the_same_group_holds_its_names()
    {
        var crd = Crd("deployments", "deployment", "Deployment", [], accepted: false, group: "apps");

        var plan = CrdNamingPlanner.Plan(crd, [], ResourceRegistry.BuiltIn.All);

        var names = plan.Conditions.Single(c => c.Type == "NamesAccepted");
        Assert.Equal("False", names.Status);
        Assert.Equal(("ListKindConflict", "\"DeploymentList\" is already in use"), (names.Reason, names.Message));
        Assert.Equal("", plan.AcceptedNames.Plural);
    }

    [Fact]
    public void An_established_crd_stays_established_and_a_deleted_one_is_terminating()
    {
        var crd = Crd("crontabs", "crontab", "CronTab", [], accepted: true);
        crd["metadata"]!["deletionTimestamp"] = "2026-01-01T00:00:00Z";

        var plan = CrdNamingPlanner.Plan(crd, [crd], []);

        Assert.Contains(plan.Conditions, c => c is { Type: "Established", Status: "True" });
        Assert.Contains(plan.Conditions, c => c is { Type: "Terminating", Status: "True", Reason: "InstanceDeletionInProgress", Message: "CustomResource deletion is in progress" });
        Assert.True(plan.Serve);
    }

    [Fact]
    public void Writing_the_plan_keeps_the_transition_time_of_an_unchanged_condition()
    {
        var crd = Crd("crontabs", "crontab", "CronTab", [], accepted: true);
        var plan = CrdNamingPlanner.Plan(crd, [crd], []);

        Assert.False(CrdStatusWriter.Apply(crd, plan, "2030-01-01T00:00:00Z"));
        Assert.Equal("2026-01-01T00:00:00Z", CrdReader.Condition(crd, "Established")!["lastTransitionTime"]!.GetValue<string>());
    }

    internal static JsonObject Crd(string plural, string singular, string kind, string[] shortNames, bool accepted, string group = "stable.example.com")
    {
        var names = new JsonObject
        {
            ["plural"] = plural,
            ["singular"] = singular,
            ["kind"] = kind,
            ["listKind"] = kind + "List",
        };
        if (shortNames.Length > 0)
        {
            names["shortNames"] = new JsonArray([.. shortNames.Select(s => (JsonNode)s)]);
        }

        var crd = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = $"{plural}.{group}" },
            ["spec"] = new JsonObject
            {
                ["group"] = group,
                ["scope"] = "Namespaced",
                ["names"] = names,
                ["versions"] = new JsonArray(new JsonObject { ["name"] = "v1", ["served"] = true, ["storage"] = true }),
            },
        };
        if (accepted)
        {
            crd["status"] = new JsonObject
            {
                ["acceptedNames"] = names.DeepClone(),
                ["conditions"] = new JsonArray(
                    new JsonObject { ["type"] = "NamesAccepted", ["status"] = "True", ["lastTransitionTime"] = "2026-01-01T00:00:00Z", ["reason"] = "NoConflicts", ["message"] = "no conflicts found" },
                    new JsonObject { ["type"] = "Established", ["status"] = "True", ["lastTransitionTime"] = "2026-01-01T00:00:00Z", ["reason"] = "InitialNamesAccepted", ["message"] = "the initial names have been accepted" }),
            };
        }

        return crd;
    }
}
