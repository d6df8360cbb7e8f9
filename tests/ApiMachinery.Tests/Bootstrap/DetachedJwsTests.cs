using Orchestrator.ApiMachinery.Bootstrap;

namespace Orchestrator.ApiMachinery.Tests.Bootstrap;

/// <summary>cluster-info's detached JWS: a vector computed outside this code (Python hmac), and the refusals a verifier must make.</summary>
public sealed class DetachedJwsTests
{
    private const string Payload = "apiVersion: v1\nkind: Config\n";
    private const string Vector = "eyJhbGciOiJIUzI1NiIsImtpZCI6ImFiY2RlZiJ9..OL26IkIRSLex9f6p5BswKn_8IIjkARMnpB3RuAHgpIA";
    private static readonly BootstrapToken Token = BootstrapToken.Parse("abcdef.0123456789abcdef");

    [Fact]
    public void Signing_matches_the_independent_vector_and_verifies()
    {
        Assert.Equal(Vector, DetachedJws.Sign(Payload, Token));
        Assert.True(DetachedJws.Verify(Vector, Payload, Token));
    }

    [Theory]
    [InlineData("abcdef.0123456789abcdee", Payload)]
    [InlineData("abcdef.0123456789abcdef", Payload + " ")]
    public void A_wrong_secret_or_payload_does_not_verify(string token, string payload)
    {
        Assert.False(DetachedJws.Verify(Vector, payload, BootstrapToken.Parse(token)));
    }

    [Theory]
    [InlineData("eyJhbGciOiJIUzM4NCIsImtpZCI6ImFiY2RlZiJ9..8jRUiXCo0l5Xx2DoVpu48AfdN8gm4eZMUnqRgAZcvP2q8jdgbf7JcAJk0JS7iqM5", "algorithm is \"HS384\"")]
    [InlineData("eyJhbGciOiJub25lIiwia2lkIjoiYWJjZGVmIn0..", "algorithm is \"none\"")]
    [InlineData("eyJhbGciOiJIUzI1NiIsImtpZCI6ImFiY2RlZiJ9.YXBpVmVyc2lvbg.OL26IkIRSLex9f6p5BswKn_8IIjkARMnpB3RuAHgpIA", "not a detached JWS")]
    [InlineData("bm90IGpzb24..OL26", "not JSON")]
    public void Other_algorithms_and_shapes_are_refused(string jws, string reason)
    {
        var error = Assert.Throws<FormatException>(() => DetachedJws.Verify(jws, Payload, Token));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_for_another_token_id_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => DetachedJws.Verify(Vector, Payload, BootstrapToken.Parse("zzzzzz.0123456789abcdef")));
        Assert.Contains("key id is \"abcdef\", not the token id \"zzzzzz\"", error.Message, StringComparison.Ordinal);
    }
}
