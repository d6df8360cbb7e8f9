using Orchestrator.ApiServer.Tests.Tables;

namespace Orchestrator.ApiServer.Tests.Registry.Networking;

/// <summary>networking.k8s.io/v1 Ingress, IngressClass and NetworkPolicy: upstream's validation causes, defaults, update rules and tables.</summary>
public sealed class NetworkingStrategyTests
{
    private const string Group = "networking.k8s.io";
    private const string Backend = """{"service":{"name":"web","port":{"number":80}}}""";
    private const string Subdomain = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    public static TheoryData<string, string, string[]> Invalid => new()
    {
        { "ingresses", """{"spec":{}}""", ["spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified"] },
        { "ingresses", """{"spec":{"rules":[]}}""", ["spec: Invalid value: []networking.IngressRule{}: either `defaultBackend` or `rules` must be specified"] },
        {
            "ingresses",
            """{"spec":{"rules":[{"host":"10.0.0.1","http":{"paths":[{"path":"/a","backend":BACKEND}]}}]}}""",
            [
                "spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address",
                "spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified",
            ]
        },
        {
            "ingresses",
            """{"spec":{"rules":[{"host":"*.Example.com","http":{"paths":[{"path":"a//b","pathType":"Prefix","backend":BACKEND},{"path":"/x","pathType":"Regex","backend":BACKEND}]}}]}}""",
            [
                "spec.rules[0].host: Invalid value: \"*.Example.com\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "spec.rules[0].http.paths[0].path: Invalid value: \"a//b\": must be an absolute path",
                "spec.rules[0].http.paths[0].path: Invalid value: \"a//b\": must not contain '//'",
                "spec.rules[0].http.paths[1].pathType: Unsupported value: \"Regex\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\"",
            ]
        },
        {
            "ingresses",
            """{"spec":{"defaultBackend":{},"rules":[{"http":{"paths":[{"path":"/","pathType":"Exact","backend":{"service":{"name":"Web","port":{"name":"http","number":80}}}},{"path":"/b","pathType":"Exact","backend":{"service":{"name":"web","port":{}}}}]}}]}}""",
            [
                "spec.defaultBackend: Invalid value: \"\": resource or service backend is required",
                "spec.rules[0].http.paths[0].backend.service.name: Invalid value: \"Web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
                "spec.rules[0].http.paths[0].backend: Invalid value: \"\": cannot set both port name & port number",
                "spec.rules[0].http.paths[1].backend: Required value: port name or number is required",
            ]
        },
        {
            "ingresses",
            """{"metadata":{"annotations":{"kubernetes.io/ingress.class":"nginx"}},"spec":{"ingressClassName":"traefik","defaultBackend":BACKEND,"tls":[{"hosts":["Bad_Host"],"secretName":"tls"}]}}""",
            [
                $"spec.tls[0].hosts[0]: Invalid value: \"Bad_Host\": {Subdomain}",
                "annotations.kubernetes.io/ingress.class: Invalid value: \"nginx\": must match `ingressClassName` when both are specified",
            ]
        },
        { "ingressclasses", """{"spec":{}}""", ["spec.controller: Required value"] },
        {
            "ingressclasses",
            """{"spec":{"controller":"nginx","parameters":{"kind":"Params","name":"p","scope":"Namespace"}}}""",
            [
                "spec.controller: Invalid value: \"nginx\": must be a domain-prefixed path (such as \"acme.io/foo\")",
                "spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'",
            ]
        },
        {
            "ingressclasses",
            """{"spec":{"controller":"k8s.io/ingress nginx","parameters":{"name":"p","namespace":"x"}}}""",
            [
                "spec.controller: Invalid value: \"ingress nginx\": Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')",
                "spec.parameters.kind: Required value",
                "spec.parameters.namespace: Forbidden: `parameters.scope` is set to 'Cluster'",
            ]
        },
        {
            "networkpolicies",
            """{"spec":{"podSelector":{"matchExpressions":[{"key":"app","operator":"In"}]},"ingress":[{"ports":[{"protocol":"ICMP","port":"http","endPort":90},{"port":100,"endPort":90}],"from":[{},{"ipBlock":{"cidr":"10.0.0.0/8","except":["192.168.0.0/16","10.0.0.0/8"]},"podSelector":{}}]}],"policyTypes":["Ingress","Other"]}}""",
            [
                "spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
                "spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", \"UDP\", \"SCTP\"",
                "spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric",
                "spec.ingress[0].ports[1].endPort: Invalid value: 90: must be greater than or equal to `port`",
                "spec.ingress[0].from[0]: Required value: must specify a peer",
                "spec.ingress[0].from[1].ipBlock.except[0]: Invalid value: \"192.168.0.0/16\": must be a strict subset of `cidr`",
                "spec.ingress[0].from[1].ipBlock.except[1]: Invalid value: \"10.0.0.0/8\": must be a strict subset of `cidr`",
                "spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer",
                "spec.policyTypes[1]: Unsupported value: \"Other\": supported values: \"Ingress\", \"Egress\"",
            ]
        },
        {
            "networkpolicies",
            """{"spec":{"podSelector":{},"egress":[{"to":[{"ipBlock":{"cidr":"10.0.0.0/33"}}]}]}}""",
            ["spec.egress[0].to[0].ipBlock.cidr: Invalid value: \"10.0.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_objects_get_upstreams_causes(string plural, string json, string[] expected)
    {
        Assert.Equal(expected, KindCases.Causes(Group, plural, json.Replace("BACKEND", Backend, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("ingresses", """{"spec":{"ingressClassName":"nginx","rules":[{"host":"*.example.com","http":{"paths":[{"path":"/api","pathType":"Prefix","backend":BACKEND},{"pathType":"ImplementationSpecific","backend":{"resource":{"apiGroup":"k8s.example.com","kind":"StorageBucket","name":"static"}}}]}}],"tls":[{"hosts":["*.example.com"],"secretName":"tls"}]}}""")]
    [InlineData("ingressclasses", """{"spec":{"controller":"k8s.io/ingress-nginx","parameters":{"apiGroup":"k8s.example.com","kind":"IngressParameters","name":"external-lb","scope":"Namespace","namespace":"ingress"}}}""")]
    [InlineData("networkpolicies", """{"spec":{"podSelector":{"matchLabels":{"role":"db"}},"ingress":[{"from":[{"ipBlock":{"cidr":"172.17.1.1/16","except":["172.17.1.0/24"]}},{"namespaceSelector":{"matchLabels":{"project":"myproject"}},"podSelector":{}}],"ports":[{"port":6379},{"port":32000,"endPort":32768}]}],"egress":[{"to":[{"ipBlock":{"cidr":"fd00::/8"}}],"ports":[{"protocol":"UDP","port":"dns"}]}]}}""")]
    public void Valid_objects_pass(string plural, string json)
    {
        Assert.Empty(KindCases.Causes(Group, plural, json.Replace("BACKEND", Backend, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("""{"spec":{"podSelector":{}}}""", """{"spec":{"podSelector":{},"policyTypes":["Ingress"]}}""")]
    [InlineData("""{"spec":{"podSelector":{},"egress":[{"ports":[{"port":53}]}]}}""", """{"spec":{"podSelector":{},"egress":[{"ports":[{"port":53,"protocol":"TCP"}]}],"policyTypes":["Ingress","Egress"]}}""")]
    [InlineData("""{"spec":{"podSelector":{},"egress":[{}],"policyTypes":["Egress"]}}""", """{"spec":{"podSelector":{},"egress":[{}],"policyTypes":["Egress"]}}""")]
    public void Network_policies_default_their_policy_types_and_port_protocols(string input, string expected)
    {
        Assert.Equal(expected, KindCases.Defaulted(Group, "networkpolicies", input).Json());
    }

    [Fact]
    public void An_ingress_class_keeps_its_controller_and_parameters_default_to_cluster_scope()
    {
        const string Before = """{"spec":{"controller":"k8s.io/ingress-nginx","parameters":{"kind":"P","name":"p"}}}""";

        Assert.Equal("""{"spec":{"controller":"k8s.io/ingress-nginx","parameters":{"kind":"P","name":"p","scope":"Cluster"}}}""", KindCases.Defaulted(Group, "ingressclasses", Before).Json());
        Assert.Equal(
            ["spec.controller: Invalid value: \"example.com/other\": field is immutable"],
            KindCases.UpdateCauses(Group, "ingressclasses", Before, """{"spec":{"controller":"example.com/other"}}"""));
    }

    [Theory]
    [InlineData("ingresses", """{"metadata":{"name":"web","creationTimestamp":"2025-06-01T11:00:00Z"},"spec":{"ingressClassName":"nginx","rules":[{"host":"a.example.com"},{"host":"b.example.com"}],"tls":[{"hosts":["a.example.com"]}]},"status":{"loadBalancer":{"ingress":[{"ip":"192.0.2.1"},{"hostname":"lb.example.com"}]}}}""", """["web","nginx","a.example.com,b.example.com","192.0.2.1,lb.example.com","80, 443","60m"]""")]
    [InlineData("ingresses", """{"metadata":{"name":"all"},"spec":{"defaultBackend":{},"rules":[{}]}}""", """["all","<none>","*","","80","<unknown>"]""")]
    [InlineData("ingresses", """{"metadata":{"name":"many"},"spec":{"rules":[{"host":"a"},{},{"host":"b"},{"host":"c"},{"host":"d"}]}}""", """["many","<none>","a,b,c + 2 more...","","80","<unknown>"]""")]
    [InlineData("ingressclasses", """{"metadata":{"name":"nginx"},"spec":{"controller":"k8s.io/ingress-nginx","parameters":{"apiGroup":"k8s.example.com","kind":"P","name":"lb"}}}""", """["nginx","k8s.io/ingress-nginx","P.k8s.example.com/lb","<unknown>"]""")]
    [InlineData("ingressclasses", """{"metadata":{"name":"plain"},"spec":{"controller":"example.com/c"}}""", """["plain","example.com/c","<none>","<unknown>"]""")]
    [InlineData("networkpolicies", """{"metadata":{"name":"db"},"spec":{"podSelector":{"matchLabels":{"role":"db"}}}}""", """["db","role=db","<unknown>"]""")]
    [InlineData("networkpolicies", """{"metadata":{"name":"deny"},"spec":{"podSelector":{}}}""", """["deny","<none>","<unknown>"]""")]
    public void Tables_print_upstreams_cells(string plural, string json, string expected)
    {
        Assert.Equal(expected, Printed.Cells(Group, plural, json));
    }

    [Fact]
    public void Tables_have_upstreams_columns()
    {
        Assert.Equal("Name,Class,Hosts,Address,Ports,Age", Printed.Columns(Group, "ingresses"));
        Assert.Equal("Name,Controller,Parameters,Age", Printed.Columns(Group, "ingressclasses"));
        Assert.Equal("Name,Pod-Selector,Age", Printed.Columns(Group, "networkpolicies"));
    }
}
