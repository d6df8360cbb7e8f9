using Orchestrator.ApiServer.Patching;

namespace Orchestrator.ApiServer.Tests.Patching;

/// <summary>RFC 6902 operations (the RFC's appendix A cases among them) and kubectl's rollout-undo patch.</summary>
public sealed class JsonPatchTests
{
    [Theory]
    [InlineData("add a member", "{'foo':'bar'}", "[{'op':'add','path':'/baz','value':'qux'}]", "{'foo':'bar','baz':'qux'}")]
    [InlineData("add replaces an existing member", "{'foo':'bar'}", "[{'op':'add','path':'/foo','value':1}]", "{'foo':1}")]
    [InlineData("add inserts into an array", "{'foo':['bar','baz']}", "[{'op':'add','path':'/foo/1','value':'qux'}]", "{'foo':['bar','qux','baz']}")]
    [InlineData("add at the array's length appends", "{'foo':['bar']}", "[{'op':'add','path':'/foo/1','value':'x'}]", "{'foo':['bar','x']}")]
    [InlineData("'-' appends", "{'foo':['bar']}", "[{'op':'add','path':'/foo/-','value':['abc','def']}]", "{'foo':['bar',['abc','def']]}")]
    [InlineData("a negative index counts from the end", "{'foo':['a','b']}", "[{'op':'add','path':'/foo/-1','value':'x'}]", "{'foo':['a','b','x']}")]
    [InlineData("add a nested member", "{'foo':'bar'}", "[{'op':'add','path':'/child','value':{'grandchild':{}}}]", "{'foo':'bar','child':{'grandchild':{}}}")]
    [InlineData("add a null value", "{}", "[{'op':'add','path':'/a','value':null}]", "{'a':null}")]
    [InlineData("add the empty key", "{}", "[{'op':'add','path':'/','value':1}]", "{'':1}")]
    [InlineData("~1 and ~0 escape / and ~", "{'a/b':{'m~n':1}}", "[{'op':'replace','path':'/a~1b/m~0n','value':2}]", "{'a/b':{'m~n':2}}")]
    [InlineData("~01 is ~1, not /", "{'~1':0}", "[{'op':'replace','path':'/~01','value':1}]", "{'~1':1}")]
    [InlineData("remove a member", "{'baz':'qux','foo':'bar'}", "[{'op':'remove','path':'/baz'}]", "{'foo':'bar'}")]
    [InlineData("remove an element", "{'foo':['bar','qux','baz']}", "[{'op':'remove','path':'/foo/1'}]", "{'foo':['bar','baz']}")]
    [InlineData("remove the last element by -1", "{'foo':['a','b']}", "[{'op':'remove','path':'/foo/-1'}]", "{'foo':['a']}")]
    [InlineData("replace a member", "{'baz':'qux','foo':'bar'}", "[{'op':'replace','path':'/baz','value':'boo'}]", "{'baz':'boo','foo':'bar'}")]
    [InlineData("replace an element", "{'a':[1,2]}", "[{'op':'replace','path':'/a/0','value':9}]", "{'a':[9,2]}")]
    [InlineData("replace the whole document", "{'a':1}", "[{'op':'replace','path':'','value':{'b':2}}]", "{'b':2}")]
    [InlineData("move a member", "{'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}}", "[{'op':'move','from':'/foo/waldo','path':'/qux/thud'}]",
        "{'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}")]
    [InlineData("move an element", "{'foo':['all','grass','cows','eat']}", "[{'op':'move','from':'/foo/1','path':'/foo/3'}]", "{'foo':['all','cows','eat','grass']}")]
    [InlineData("move to the end of an array", "{'a':1,'l':[0]}", "[{'op':'move','from':'/a','path':'/l/-'}]", "{'l':[0,1]}")]
    [InlineData("copy into an array", "{'a':{'b':1},'l':[0]}", "[{'op':'copy','from':'/a','path':'/l/0'}]", "{'a':{'b':1},'l':[{'b':1},0]}")]
    [InlineData("move onto itself", "{'a':1}", "[{'op':'move','from':'/a','path':'/a'}]", "{'a':1}")]
    [InlineData("copy a member", "{'a':{'b':1}}", "[{'op':'copy','from':'/a','path':'/c'}]", "{'a':{'b':1},'c':{'b':1}}")]
    [InlineData("copies are independent", "{'a':{'b':1}}", "[{'op':'copy','from':'/a','path':'/c'},{'op':'replace','path':'/c/b','value':2}]", "{'a':{'b':1},'c':{'b':2}}")]
    [InlineData("test passes, then the rest applies", "{'baz':'qux','foo':['a',2,'c']}",
        "[{'op':'test','path':'/baz','value':'qux'},{'op':'test','path':'/foo/1','value':2},{'op':'add','path':'/ok','value':true}]",
        "{'baz':'qux','foo':['a',2,'c'],'ok':true}")]
    [InlineData("test compares numbers by value", "{'n':1}", "[{'op':'test','path':'/n','value':1.0}]", "{'n':1}")]
    [InlineData("test compares objects whatever their member order", "{'o':{'a':1,'b':[1,{'c':null}]}}", "[{'op':'test','path':'/o','value':{'b':[1,{'c':null}],'a':1}}]",
        "{'o':{'a':1,'b':[1,{'c':null}]}}")]
    [InlineData("test of an explicit null", "{'a':null}", "[{'op':'test','path':'/a','value':null}]", "{'a':null}")]
    [InlineData("test of the whole document", "{'a':1}", "[{'op':'test','path':'','value':{'a':1}}]", "{'a':1}")]
    [InlineData("operations apply in order", "{}", "[{'op':'add','path':'/a','value':[]},{'op':'add','path':'/a/-','value':1},{'op':'add','path':'/a/0','value':0}]", "{'a':[0,1]}")]
    [InlineData("extra members of an operation are ignored", "{}", "[{'op':'add','path':'/a','value':1,'xyz':'ignored'}]", "{'a':1}")]
    [InlineData("an empty patch changes nothing", "{'a':1}", "[]", "{'a':1}")]
    [InlineData("kubectl rollout undo",
        "{'metadata':{'name':'web','annotations':{'deployment.kubernetes.io/revision':'4'}},'spec':{'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':[{'name':'web','image':'nginx:1.26'}]}}}}",
        "[{'op':'replace','path':'/spec/template','value':{'metadata':{'creationTimestamp':null,'labels':{'app':'web'}},'spec':{'containers':[{'name':'web','image':'nginx:1.25','resources':{}}]}}},{'op':'replace','path':'/metadata/annotations','value':{'deployment.kubernetes.io/revision':'3'}}]",
        "{'metadata':{'name':'web','annotations':{'deployment.kubernetes.io/revision':'3'}},'spec':{'template':{'metadata':{'creationTimestamp':null,'labels':{'app':'web'}},'spec':{'containers':[{'name':'web','image':'nginx:1.25','resources':{}}]}}}}")]
    public void Operations_apply(string scenario, string document, string patch, string expected)
    {
        var documentNode = Json.Parse(document);
        var patchNode = Json.Parse(patch);
        var documentText = documentNode.ToJsonString();
        var patchText = patchNode.ToJsonString();

        var result = JsonPatch.Apply(documentNode, patchNode);

        Json.Equal(expected, result, scenario);
        Assert.Equal(documentText, documentNode.ToJsonString());
        Assert.Equal(patchText, patchNode.ToJsonString());
    }

    [Fact]
    public void The_result_shares_no_nodes_with_the_patch()
    {
        var patch = Json.Parse("[{'op':'add','path':'/a','value':{'b':1}}]");

        var result = JsonPatch.Apply(Json.Parse("{}"), patch);
        result["a"]!["b"] = 2;

        Json.Equal("[{'op':'add','path':'/a','value':{'b':1}}]", patch);
    }

    [Fact]
    public void A_document_that_is_an_array_can_be_patched()
    {
        Json.Equal("[0,1,2]", JsonPatch.Apply(Json.Parse("[1,2]"), Json.Parse("[{'op':'add','path':'/0','value':0}]")));
    }
}
