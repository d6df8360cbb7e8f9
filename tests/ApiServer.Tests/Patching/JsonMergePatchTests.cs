using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Patching;

namespace Orchestrator.ApiServer.Tests.Patching;

/// <summary>RFC 7386 (its appendix A examples among them) and the patches kubectl label/annotate/scale send.</summary>
public sealed class JsonMergePatchTests
{
    [Theory]
    [InlineData("{'a':'b'}", "{'a':'c'}", "{'a':'c'}")]
    [InlineData("{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}")]
    [InlineData("{'a':'b'}", "{'a':null}", "{}")]
    [InlineData("{'a':'b','b':'c'}", "{'a':null}", "{'b':'c'}")]
    [InlineData("{'a':['b']}", "{'a':'c'}", "{'a':'c'}")]
    [InlineData("{'a':'c'}", "{'a':['b']}", "{'a':['b']}")]
    [InlineData("{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}", "{'a':{'b':'d'}}")]
    [InlineData("{'a':[{'b':'c'}]}", "{'a':[1]}", "{'a':[1]}")]
    [InlineData("{'e':null}", "{'a':1}", "{'e':null,'a':1}")]
    [InlineData("{}", "{'a':{'bb':{'ccc':null}}}", "{'a':{'bb':{}}}")]
    [InlineData("{'a':'x'}", "{'a':{'b':null,'c':1}}", "{'a':{'c':1}}")]
    [InlineData("{'a':[1,2]}", "{'a':[null,{'k':null}]}", "{'a':[null,{'k':null}]}")]
    [InlineData("{'a':1}", "{}", "{'a':1}")]
    public void Rfc7386_examples(string original, string patch, string expected)
    {
        Json.Equal(expected, JsonMergePatch.Apply(Json.Parse(original), Json.Parse(patch)));
    }

    [Theory]
    [InlineData("label", "{'metadata':{'name':'nginx','labels':{'app':'web'}}}", "{'metadata':{'labels':{'tier':'frontend'}}}",
        "{'metadata':{'name':'nginx','labels':{'app':'web','tier':'frontend'}}}")]
    [InlineData("remove a label", "{'metadata':{'name':'nginx','labels':{'app':'web','tier':'frontend'}}}", "{'metadata':{'labels':{'tier':null}}}",
        "{'metadata':{'name':'nginx','labels':{'app':'web'}}}")]
    [InlineData("annotate an object without annotations", "{'metadata':{'name':'nginx'}}", "{'metadata':{'annotations':{'note':'hello world'}}}",
        "{'metadata':{'name':'nginx','annotations':{'note':'hello world'}}}")]
    [InlineData("scale", "{'kind':'Scale','spec':{'replicas':2},'status':{'replicas':2,'selector':'app=web'}}", "{'spec':{'replicas':3}}",
        "{'kind':'Scale','spec':{'replicas':3},'status':{'replicas':2,'selector':'app=web'}}")]
    [InlineData("lists are replaced, not merged", "{'spec':{'containers':[{'name':'a'},{'name':'b'}]}}", "{'spec':{'containers':[{'name':'c'}]}}",
        "{'spec':{'containers':[{'name':'c'}]}}")]
    public void Kubectl_merge_patches(string scenario, string original, string patch, string expected)
    {
        Json.Equal(expected, JsonMergePatch.Apply(Json.Parse(original), Json.Parse(patch)), scenario);
    }

    [Fact]
    public void Inputs_are_not_changed_and_the_result_shares_no_nodes_with_them()
    {
        var original = Json.Parse("{'a':{'b':1},'c':[1]}");
        var patch = Json.Parse("{'a':{'d':2},'e':{'f':3}}");

        var result = JsonMergePatch.Apply(original, patch);
        result["e"]!["f"] = 4;
        result["a"]!["b"] = 5;

        Json.Equal("{'a':{'b':1},'c':[1]}", original);
        Json.Equal("{'a':{'d':2},'e':{'f':3}}", patch);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("1")]
    [InlineData("\"x\"")]
    public void A_patch_that_is_not_an_object_is_a_bad_request(string patch)
    {
        var error = Assert.Throws<PatchException>(() => JsonMergePatch.Apply(Json.Parse("{'a':1}"), JsonNode.Parse(patch)));

        Assert.Equal("Invalid JSON Patch", error.Message);
        Assert.False(error.IsInvalid);
    }

    [Fact]
    public void A_target_that_is_not_an_object_starts_empty()
    {
        Json.Equal("{'a':1}", JsonMergePatch.Apply(JsonNode.Parse("[1]"), Json.Parse("{'a':1,'b':null}")));
    }
}
