using Orchestrator.ApiServer.Authentication.ServiceAccounts;

namespace Orchestrator.ApiServer.Tests.Authentication.ServiceAccounts;

public sealed class ServiceAccountTokenAuthenticatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(-3600, 600, null)]
    [InlineData(-3600, -59, null)] // expired less than the one-minute leeway ago
    [InlineData(-3600, -61, "service account token has expired")]
    [InlineData(59, 3600, null)] // not before, within the leeway
    [InlineData(61, 3600, "service account token is not valid yet")]
    public void Token_times_are_checked_with_go_joses_one_minute_leeway(int notBeforeOffset, int expiryOffset, string? expected)
    {
        var claims = Claims() with { NotBefore = Now.ToUnixTimeSeconds() + notBeforeOffset, Expiry = Now.ToUnixTimeSeconds() + expiryOffset };

        Assert.Equal(expected, ServiceAccountTokenAuthenticator.CheckTimes(claims, Now));
    }

    [Fact]
    public void A_node_bound_token_carries_node_name_and_uid_without_pod_extra()
    {
        var user = ServiceAccountTokenAuthenticator.UserOf(Claims() with { Node = new BoundObject("n1", "u1") });

        Assert.Equal(["n1"], user.Extra["authentication.kubernetes.io/node-name"]);
        Assert.Equal(["u1"], user.Extra["authentication.kubernetes.io/node-uid"]);
        Assert.False(user.Extra.ContainsKey("authentication.kubernetes.io/pod-name"));
        Assert.Equal(["JTI=id-1"], user.Extra["authentication.kubernetes.io/credential-id"]);
        Assert.Equal("sa-uid", user.Uid);
    }

    [Fact]
    public void Claims_round_trip_through_their_JSON()
    {
        var claims = Claims() with { Pod = new BoundObject("p", "pu"), Node = new BoundObject("n", ""), WarnAfter = 5 };

        var parsed = ServiceAccountClaims.Parse(claims.ToJson());

        Assert.NotNull(parsed);
        Assert.Equal(claims.ToJson().ToJsonString(), parsed.ToJson().ToJsonString());
    }

    [Fact]
    public void A_single_audience_is_written_as_a_string_and_several_as_an_array_as_go_jose_does()
    {
        Assert.Equal("\"a\"", Claims().ToJson()["aud"]!.ToJsonString());
        Assert.Equal("[\"a\",\"b\"]", (Claims() with { Audiences = ["a", "b"] }).ToJson()["aud"]!.ToJsonString());
        Assert.Equal(["a", "b"], ServiceAccountClaims.AudiencesOf((Claims() with { Audiences = ["a", "b"] }).ToJson()));
    }

    private static ServiceAccountClaims Claims() => new()
    {
        Issuer = "https://issuer",
        Audiences = ["a"],
        Expiry = Now.ToUnixTimeSeconds() + 600,
        IssuedAt = Now.ToUnixTimeSeconds(),
        NotBefore = Now.ToUnixTimeSeconds(),
        Id = "id-1",
        Namespace = "ns",
        ServiceAccount = new BoundObject("robot", "sa-uid"),
    };
}
