using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Authentication.ServiceAccounts;

namespace Orchestrator.ApiServer.Tests.Authentication.ServiceAccounts;

public sealed class JsonWebSignatureTests
{
    public static TheoryData<string> Keys => ["P-256", "P-384", "RSA-2048"];

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_signed_token_verifies_with_its_key_and_names_the_algorithm_and_key_id(string keyName)
    {
        using var key = Create(keyName);
        var payload = new JsonObject { ["iss"] = "me", ["n"] = 1 };

        var token = JsonWebSignature.Sign(payload, key, JsonWebSignature.KeyIdOf(key));

        Assert.True(JsonWebSignature.Verify(token, key));
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(token.AsSpan(0, token.IndexOf('.', StringComparison.Ordinal))))!;
        Assert.Equal(JsonWebSignature.AlgorithmOf(key), header["alg"]!.GetValue<string>());
        Assert.Equal(JsonWebSignature.KeyIdOf(key), header["kid"]!.GetValue<string>());
        Assert.Equal("me", JsonWebSignature.ReadPayload(token)!["iss"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void A_token_of_another_key_or_with_a_changed_payload_does_not_verify(string keyName)
    {
        using var key = Create(keyName);
        using var other = Create(keyName);
        var token = JsonWebSignature.Sign(new JsonObject { ["sub"] = "a" }, key, "k");
        var parts = token.Split('.');
        var forged = parts[0] + "." + Base64Url.EncodeToString("""{"sub":"admin"}"""u8) + "." + parts[2];

        Assert.False(JsonWebSignature.Verify(token, other));
        Assert.False(JsonWebSignature.Verify(forged, key));
    }

    [Fact]
    public void A_token_claiming_another_algorithm_than_the_keys_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var token = JsonWebSignature.Sign(new JsonObject(), key, "k");
        var none = Base64Url.EncodeToString("""{"alg":"none"}"""u8) + token[token.IndexOf('.', StringComparison.Ordinal)..];

        Assert.False(JsonWebSignature.Verify(none, key));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("!!.@@.##")]
    [InlineData("eyJhIjoxfQ.WzFd.sig")]
    public void Malformed_tokens_have_no_payload_and_do_not_verify(string token)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.Null(JsonWebSignature.ReadPayload(token));
        Assert.False(JsonWebSignature.Verify(token, key));
    }

    [Fact]
    public void A_small_RSA_key_is_refused_as_a_signing_key()
    {
        using var key = RSA.Create(1024);

        Assert.Throws<ArgumentException>(() => JsonWebSignature.AlgorithmOf(key));
    }

    private static AsymmetricAlgorithm Create(string name) => name switch
    {
        "P-256" => ECDsa.Create(ECCurve.NamedCurves.nistP256),
        "P-384" => ECDsa.Create(ECCurve.NamedCurves.nistP384),
        _ => RSA.Create(2048),
    };
}
