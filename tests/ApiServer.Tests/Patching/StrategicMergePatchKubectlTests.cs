using k8s.Models;
using Orchestrator.ApiServer.Patching;

namespace Orchestrator.ApiServer.Tests.Patching;

/// <summary>The strategic merge patches kubectl really sends (kubectl-wire.md §5.2, §5.8), against a stored Deployment.</summary>
public sealed class StrategicMergePatchKubectlTests
{
    private const string Deployment = """
        {'apiVersion':'apps/v1','kind':'Deployment',
         'metadata':{'name':'app','namespace':'default','resourceVersion':'7',
                     'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'v1'},'labels':{'app':'app'}},
         'spec':{'replicas':2,'selector':{'matchLabels':{'app':'app'}},
                 'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%','maxUnavailable':'25%'}},
                 'template':{'metadata':{'labels':{'app':'app'}},
                             'spec':{'containers':[{'name':'main','image':'nginx:1.25','env':[{'name':'MODE','value':'one'}],
                                                    'ports':[{'containerPort':80,'protocol':'TCP'}],'resources':{}}],
                                     'restartPolicy':'Always'}}}}
        """;

    [Theory]
    [InlineData(
        "apply: image, env value and replicas change",
        """
        {'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'v2'}},
         'spec':{'replicas':3,'template':{'spec':{
            '$setElementOrder/containers':[{'name':'main'}],
            'containers':[{'$setElementOrder/env':[{'name':'MODE'}],'env':[{'name':'MODE','value':'two'}],'image':'nginx:1.26','name':'main'}]}}}}
        """,
        """
        {'apiVersion':'apps/v1','kind':'Deployment',
         'metadata':{'name':'app','namespace':'default','resourceVersion':'7',
                     'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'v2'},'labels':{'app':'app'}},
         'spec':{'replicas':3,'selector':{'matchLabels':{'app':'app'}},
                 'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%','maxUnavailable':'25%'}},
                 'template':{'metadata':{'labels':{'app':'app'}},
                             'spec':{'containers':[{'name':'main','image':'nginx:1.26','env':[{'name':'MODE','value':'two'}],
                                                    'ports':[{'containerPort':80,'protocol':'TCP'}],'resources':{}}],
                                     'restartPolicy':'Always'}}}}
        """)]
    [InlineData(
        "apply: drop the labels, the env list and port 80; add port 8080 and a sidecar",
        """
        {'metadata':{'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'v3'},'labels':null},
         'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'main'},{'name':'sidecar'}],
           'containers':[{'$setElementOrder/ports':[{'containerPort':8080}],'env':null,'name':'main',
                          'ports':[{'containerPort':8080},{'$patch':'delete','containerPort':80}]},
                         {'image':'busybox:1.36','name':'sidecar'}]}}}}
        """,
        """
        {'apiVersion':'apps/v1','kind':'Deployment',
         'metadata':{'name':'app','namespace':'default','resourceVersion':'7',
                     'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'v3'}},
         'spec':{'replicas':2,'selector':{'matchLabels':{'app':'app'}},
                 'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%','maxUnavailable':'25%'}},
                 'template':{'metadata':{'labels':{'app':'app'}},
                             'spec':{'containers':[{'name':'main','image':'nginx:1.25','ports':[{'containerPort':8080}],'resources':{}},
                                                   {'name':'sidecar','image':'busybox:1.36'}],
                                     'restartPolicy':'Always'}}}}
        """)]
    [InlineData(
        "set image",
        "{'spec':{'template':{'spec':{'$setElementOrder/containers':[{'name':'main'}],'containers':[{'image':'nginx:1.27','name':'main'}]}}}}",
        """
        {'apiVersion':'apps/v1','kind':'Deployment',
         'metadata':{'name':'app','namespace':'default','resourceVersion':'7',
                     'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'v1'},'labels':{'app':'app'}},
         'spec':{'replicas':2,'selector':{'matchLabels':{'app':'app'}},
                 'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%','maxUnavailable':'25%'}},
                 'template':{'metadata':{'labels':{'app':'app'}},
                             'spec':{'containers':[{'name':'main','image':'nginx:1.27','env':[{'name':'MODE','value':'one'}],
                                                    'ports':[{'containerPort':80,'protocol':'TCP'}],'resources':{}}],
                                     'restartPolicy':'Always'}}}}
        """)]
    [InlineData(
        "rollout restart adds a template annotation",
        "{'spec':{'template':{'metadata':{'annotations':{'kubectl.kubernetes.io/restartedAt':'2026-11-22T15:27:42Z'}}}}}",
        """
        {'apiVersion':'apps/v1','kind':'Deployment',
         'metadata':{'name':'app','namespace':'default','resourceVersion':'7',
                     'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'v1'},'labels':{'app':'app'}},
         'spec':{'replicas':2,'selector':{'matchLabels':{'app':'app'}},
                 'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%','maxUnavailable':'25%'}},
                 'template':{'metadata':{'labels':{'app':'app'},'annotations':{'kubectl.kubernetes.io/restartedAt':'2026-11-22T15:27:42Z'}},
                             'spec':{'containers':[{'name':'main','image':'nginx:1.25','env':[{'name':'MODE','value':'one'}],
                                                    'ports':[{'containerPort':80,'protocol':'TCP'}],'resources':{}}],
                                     'restartPolicy':'Always'}}}}
        """)]
    [InlineData(
        "apply switches the strategy from RollingUpdate to Recreate",
        "{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate','rollingUpdate':null}}}",
        """
        {'apiVersion':'apps/v1','kind':'Deployment',
         'metadata':{'name':'app','namespace':'default','resourceVersion':'7',
                     'annotations':{'kubectl.kubernetes.io/last-applied-configuration':'v1'},'labels':{'app':'app'}},
         'spec':{'replicas':2,'selector':{'matchLabels':{'app':'app'}},
                 'strategy':{'type':'Recreate'},
                 'template':{'metadata':{'labels':{'app':'app'}},
                             'spec':{'containers':[{'name':'main','image':'nginx:1.25','env':[{'name':'MODE','value':'one'}],
                                                    'ports':[{'containerPort':80,'protocol':'TCP'}],'resources':{}}],
                                     'restartPolicy':'Always'}}}}
        """)]
    public void Kubectl_patches_apply_to_a_deployment(string scenario, string patch, string expected)
    {
        var original = Json.Parse(Deployment);
        var patchNode = Json.Parse(patch);
        var originalText = original.ToJsonString();
        var patchText = patchNode.ToJsonString();

        var result = StrategicMergePatch.Apply(original, patchNode, typeof(V1Deployment));

        Json.Equal(expected, result, scenario);
        Assert.Equal(originalText, original.ToJsonString());
        Assert.Equal(patchText, patchNode.ToJsonString());
    }
}
