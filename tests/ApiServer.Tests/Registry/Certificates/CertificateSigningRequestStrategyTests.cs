using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Orchestrator.ApiMachinery.Certificates;
using Orchestrator.ApiServer.Authentication;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry.Certificates;

namespace Orchestrator.ApiServer.Tests.Registry.Certificates;

/// <summary>The CSR strategy: upstream's validation causes, the requestor taken from the request's user, an immutable spec, the CONDITION cell.</summary>
public sealed class CertificateSigningRequestStrategyTests
{
    private static readonly string Request = Convert.ToBase64String(Encoding.ASCII.GetBytes(NodeRequest()));

    public static TheoryData<string, string[]> Invalid => new()
    {
        { """{"spec":{"signerName":"kubernetes.io/kube-apiserver-client-kubelet","usages":["client auth"]}}""", ["spec.request: Required value"] },
        {
            """{"spec":{"request":"LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCkFBQUEKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=","signerName":"kubernetes.io/kube-apiserver-client-kubelet","usages":["client auth"]}}""",
            ["spec.request: Invalid value: []byte{...}: PEM block type must be CERTIFICATE REQUEST"]
        },
        { """{"spec":{"request":"REQ","usages":["client auth"]}}""", ["spec.signerName: Required value"] },
        {
            """{"spec":{"request":"REQ","signerName":"kube-apiserver-client","usages":["client auth"]}}""",
            ["spec.signerName: Invalid value: \"kube-apiserver-client\": must be a fully qualified domain and path of the form 'example.com/signer-name'"]
        },
        {
            """{"spec":{"request":"REQ","signerName":"localhost/x","usages":["client auth"]}}""",
            ["spec.signerName: Invalid value: \"localhost/x\": the domain part must be a fully qualified domain and path of the form 'example.com/signer-name'"]
        },
        { """{"spec":{"request":"REQ","signerName":"example.com/x"}}""", ["spec.usages: Required value: usages must be provided"] },
        {
            """{"spec":{"request":"REQ","signerName":"example.com/x","usages":["client auth","client auth","fly"]}}""",
            [
                "spec.usages[1]: Duplicate value: \"client auth\"",
                "spec.usages[2]: Unsupported value: \"fly\": supported values: " + string.Join(", ", CsrUsages.Known.Select(u => $"\"{u}\"")),
            ]
        },
        {
            """{"spec":{"request":"REQ","signerName":"example.com/x","usages":["client auth"],"expirationSeconds":599}}""",
            ["spec.expirationSeconds: Invalid value: 599: may not specify a duration less than 600 seconds (10 minutes)"]
        },
        {
            """{"spec":{"request":"REQ","signerName":"example.com/x","usages":["client auth"]},"status":{"conditions":[{"type":"Approved","status":"True"},{"type":"Denied","status":"True"}]}}""",
            ["status.conditions: Invalid value: \"Denied\": Approved and Denied conditions are mutually exclusive"]
        },
        {
            """{"spec":{"request":"REQ","signerName":"example.com/x","usages":["client auth"]},"status":{"conditions":[{"type":"Approved","status":"False"},{"type":"Failed","status":"True"},{"type":"Failed","status":"True"},{"status":"True"}]}}""",
            [
                "status.conditions[0].status: Unsupported value: \"False\": supported values: \"True\"",
                "status.conditions[2].type: Duplicate value: \"Failed\"",
                "status.conditions[3].type: Required value",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_requests_get_upstreams_causes(string csr, string[] expected)
    {
        Assert.Equal(expected, Causes(csr));
    }

    [Theory]
    [InlineData("""{"spec":{"request":"REQ","signerName":"kubernetes.io/kube-apiserver-client-kubelet","usages":["digital signature","client auth"]}}""")]
    [InlineData("""{"spec":{"request":"REQ","signerName":"example.com/team/signer","usages":["server auth"],"expirationSeconds":600},"status":{"conditions":[{"type":"Approved","status":"True"},{"type":"Custom","status":"Unknown"}]}}""")]
    public void Valid_requests_pass(string csr)
    {
        Assert.Empty(Causes(csr));
    }

    [Fact]
    public void A_request_whose_signature_does_not_verify_is_invalid()
    {
        var pem = NodeRequest();
        var body = pem.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var der = Convert.FromBase64String(string.Concat(body[1..^1]));
        der[^3] ^= 0x55; // inside the signature
        var tampered = new string(PemEncoding.Write("CERTIFICATE REQUEST", der));
        var causes = Causes("""{"spec":{"request":"X","signerName":"example.com/x","usages":["client auth"]}}""".Replace("\"X\"", $"\"{Convert.ToBase64String(Encoding.ASCII.GetBytes(tampered))}\"", StringComparison.Ordinal));
        var cause = Assert.Single(causes);
        Assert.StartsWith("spec.request: Invalid value: []byte{...}: x509: invalid certificate request", cause, StringComparison.Ordinal);
    }

    [Fact]
    public void The_requestor_comes_from_the_requests_user_whatever_the_client_sent()
    {
        var csr = JsonNode.Parse("""{"spec":{"username":"system:node:forged","groups":["system:masters"],"uid":"x","extra":{"a":["b"]}}}""")!.AsObject();
        var user = new UserInfo("system:bootstrap:abcdef", "", ["system:bootstrappers", "system:authenticated"], new Dictionary<string, IReadOnlyList<string>> { ["scope"] = ["s1"] });
        new CertificateSigningRequestStrategy().RecordRequestor(csr, user);
        Assert.Equal("""{"spec":{"username":"system:bootstrap:abcdef","groups":["system:bootstrappers","system:authenticated"],"extra":{"scope":["s1"]}}}""", csr.ToJsonString());
    }

    [Fact]
    public void An_update_keeps_the_stored_spec()
    {
        var stored = JsonNode.Parse("""{"metadata":{"name":"a"},"spec":{"username":"u","usages":["client auth"]}}""")!.AsObject();
        var updated = JsonNode.Parse("""{"metadata":{"name":"a","labels":{"x":"y"}},"spec":{"username":"admin","usages":["server auth"]}}""")!.AsObject();
        new CertificateSigningRequestStrategy().PrepareForUpdate(stored, updated);
        Assert.Equal("""{"metadata":{"name":"a","labels":{"x":"y"}},"spec":{"username":"u","usages":["client auth"]}}""", updated.ToJsonString());
    }

    [Theory]
    [InlineData("{}", "Pending")]
    [InlineData("""{"status":{"conditions":[{"type":"Approved","status":"True"}]}}""", "Approved")]
    [InlineData("""{"status":{"conditions":[{"type":"Approved","status":"True"}],"certificate":"Q0VSVA=="}}""", "Approved,Issued")]
    [InlineData("""{"status":{"conditions":[{"type":"Denied","status":"True"},{"type":"Failed","status":"True"}]}}""", "Denied,Failed")]
    public void The_condition_column_reads_as_upstreams(string csr, string expected)
    {
        Assert.Equal(expected, CsrPrinter.Text(JsonNode.Parse(csr)!.AsObject()));
    }

    internal static string NodeRequest(string node = "n1")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return SigningRequests.Create(CertificateAuthority.Subject("system:node:" + node, ["system:nodes"]), key);
    }

    private static string[] Causes(string csr)
    {
        var obj = JsonNode.Parse(csr.Replace("\"REQ\"", $"\"{Request}\"", StringComparison.Ordinal))!.AsObject();
        var causes = new List<StatusCause>();
        new CertificateSigningRequestStrategy().Validate(obj, causes);
        return [.. causes.Select(c => $"{c.Field}: {c.Message}")];
    }
}
