using Orchestrator.ApiServer.CustomResources.Schema;
using Xunit;

namespace Orchestrator.ApiServer.Tests.CustomResources.Schema;

/// <summary>The string formats as kube-openapi's strfmt registry checks them.</summary>
public sealed class SchemaFormatsTests
{
    [Theory]
    [InlineData("date", "2024-02-29", true)]
    [InlineData("date", "2023-02-29", false)]
    [InlineData("date-time", "2024-01-02T03:04:05Z", true)]
    [InlineData("date-time", "2024-01-02T03:04:05.123+01:00", true)]
    [InlineData("datetime", "2024-01-02 03:04:05", false)]
    [InlineData("uuid", "123e4567-e89b-12d3-a456-426614174000", true)]
    [InlineData("uuid", "123e4567e89b12d3a456426614174000", true)]
    [InlineData("uuid", "not-a-uuid", false)]
    [InlineData("uuid4", "123e4567-e89b-42d3-a456-426614174000", true)]
    [InlineData("uuid4", "123e4567-e89b-12d3-a456-426614174000", false)]
    [InlineData("email", "a@example.com", true)]
    [InlineData("email", "not an email", false)]
    [InlineData("hostname", "example.com", true)]
    [InlineData("hostname", "-bad-.com", false)]
    [InlineData("ipv4", "10.0.0.1", true)]
    [InlineData("ipv4", "010.000.000.001", true)]
    [InlineData("ipv4", "10.0.0", false)]
    [InlineData("ipv4", "::1", false)]
    [InlineData("ipv6", "fe80::1", true)]
    [InlineData("ipv6", "10.0.0.1", false)]
    [InlineData("cidr", "10.0.0.0/8", true)]
    [InlineData("cidr", "fd00::/64", true)]
    [InlineData("cidr", "10.0.0.0/33", false)]
    [InlineData("mac", "01:23:45:67:89:ab", true)]
    [InlineData("mac", "0123.4567.89ab", true)]
    [InlineData("mac", "01:23:45", false)]
    [InlineData("byte", "aGVsbG8=", true)]
    [InlineData("byte", "aGVsbG8", false)]
    [InlineData("uri", "https://example.com/a?b=c", true)]
    [InlineData("uri", "/just/a/path", true)]
    [InlineData("uri", "relative/path", false)]
    [InlineData("duration", "1h30m", true)]
    [InlineData("duration", "3 days", true)]
    [InlineData("duration", "soon", false)]
    [InlineData("isbn10", "0321751043", true)]
    [InlineData("isbn13", "978-0321751041", true)]
    [InlineData("isbn13", "978-0321751042", false)]
    [InlineData("creditcard", "4111 1111 1111 1111", true)]
    [InlineData("creditcard", "4111 1111 1111 1112", false)]
    [InlineData("hexcolor", "#a0b", true)]
    [InlineData("rgbcolor", "rgb(255, 0, 10)", true)]
    [InlineData("rgbcolor", "rgb(256,0,0)", false)]
    [InlineData("ssn", "123-45-6789", true)]
    [InlineData("bsonobjectid", "507f1f77bcf86cd799439011", true)]
    [InlineData("k8s-short-name", "my-name", true)]
    [InlineData("k8s-short-name", "My-Name", false)]
    [InlineData("k8s-long-name", "a.b-c.d", true)]
    [InlineData("password", "anything", true)]
    public void Formats_validate_as_the_registry_does(string format, string value, bool valid) =>
        Assert.Equal(valid, SchemaFormats.IsValid(format, value));

    [Theory]
    [InlineData("string", "date", "date")]
    [InlineData("string", "quantity", "")]
    [InlineData("string", "int-or-string", "")]
    [InlineData("integer", "int32", "int32")]
    [InlineData("integer", "date", "")]
    [InlineData("number", "double", "double")]
    [InlineData("boolean", "date", "")]
    public void Unsupported_formats_are_stripped_as_upstream_strips_them(string type, string format, string effective) =>
        Assert.Equal(effective, SchemaFormats.Effective(type, format));
}
