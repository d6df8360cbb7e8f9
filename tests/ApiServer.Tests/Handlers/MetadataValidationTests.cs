using System.Net;
using System.Text.Json.Nodes;

namespace Orchestrator.ApiServer.Tests.Handlers;

/// <summary>
/// Metadata every kind shares is validated on create and on update, and ConfigMap and Secret
/// payloads and the fieldManager parameter are limited: 422 Invalid with field causes, nothing written.
/// </summary>
public sealed class MetadataValidationTests(ApiServerFixture api) : IClassFixture<ApiServerFixture>
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";
    private const string Secrets = "/api/v1/namespaces/default/secrets";

    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        { "label value of 64 characters", ConfigMaps, ConfigMap("long-label", "\"labels\":{\"app\":\"" + new string('a', 64) + "\"}"), "metadata.labels", "must be no more than 63 bytes" },
        { "label value with a space", ConfigMaps, ConfigMap("spaced-label", "\"labels\":{\"app\":\"my app\"}"), "metadata.labels", "a valid label must be an empty string" },
        { "bad label key", ConfigMaps, ConfigMap("bad-label-key", "\"labels\":{\"a b\":\"c\"}"), "metadata.labels", "name part must consist of alphanumeric characters" },
        { "bad annotation key", ConfigMaps, ConfigMap("bad-annotation", "\"annotations\":{\"example.com/a b\":\"c\"}"), "metadata.annotations", "name part must consist of alphanumeric characters" },
        { "300 KB of annotations", ConfigMaps, ConfigMap("big-annotations", "\"annotations\":{\"a\":\"" + new string('x', 300 * 1024) + "\"}"), "metadata.annotations", "metadata.annotations: Too long: may not be more than 262144 bytes" },
        { "two controllers", ConfigMaps, ConfigMap("two-controllers", "\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"A\",\"name\":\"a\",\"uid\":\"1\",\"controller\":true},{\"apiVersion\":\"v1\",\"kind\":\"B\",\"name\":\"b\",\"uid\":\"2\",\"controller\":true}]"), "metadata.ownerReferences", "Only one reference can have Controller set to true" },
        { "1.5 MiB ConfigMap", ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"big-data"},"data":{"a":"DATA"}}""".Replace("DATA", new string('x', 1536 * 1024), StringComparison.Ordinal), "", "ConfigMap \"big-data\" is invalid: : Too long: may not be more than 1048576 bytes" },
        { "1.5 MiB Secret", Secrets, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"big-secret"},"data":{"a":"DATA"}}""".Replace("DATA", Convert.ToBase64String(new byte[1536 * 1024]), StringComparison.Ordinal), "data", "Secret \"big-secret\" is invalid: data: Too long: may not be more than 1048576 bytes" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Invalid_objects_are_422_with_the_field_and_write_nothing(string why, string path, string body, string field, string message)
    {
        var before = await api.Store.GetCurrentRevisionAsync();

        var (status, statusBody, _) = await api.SendAsync(HttpMethod.Post, path, body);

        Assert.True(status == HttpStatusCode.UnprocessableEntity, $"{why}: {status}");
        Assert.Equal("Invalid", statusBody!["reason"]!.GetValue<string>());
        Assert.Contains(message, statusBody["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var cause = Assert.Single(statusBody["details"]!["causes"]!.AsArray());
        Assert.Equal(field, cause!["field"]?.GetValue<string>() ?? "");
        Assert.Equal(before, await api.Store.GetCurrentRevisionAsync());
    }

    [Fact]
    public async Task Valid_metadata_and_data_still_create()
    {
        var body = ConfigMap("valid-meta", "\"labels\":{\"app.kubernetes.io/name\":\"web\",\"empty\":\"\"},\"annotations\":{\"Example.com/Note\":\"" + new string('x', 200 * 1024) + "\"},\"finalizers\":[\"example.com/keep\"]");
        var (created, _, _) = await api.SendAsync(HttpMethod.Post, ConfigMaps, body[..^1] + ",\"data\":{\"a\":\"" + new string('y', 1000 * 1024) + "\"}}");
        var (secret, _, _) = await api.SendAsync(HttpMethod.Post, Secrets, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"valid-secret"},"data":{"a":"DATA"}}""".Replace("DATA", Convert.ToBase64String(new byte[1024 * 1024]), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(HttpStatusCode.Created, secret);
    }

    [Fact]
    public async Task An_update_that_adds_a_bad_label_is_422_and_the_stored_object_stays()
    {
        var (_, created, _) = await api.SendAsync(HttpMethod.Post, ConfigMaps, ConfigMap("update-me", "\"labels\":{\"app\":\"web\"}"));
        var stored = await api.Store.GetAsync("/registry/configmaps/default/update-me");
        var update = created!.DeepClone().AsObject();
        update["metadata"]!["labels"]!["tier"] = "front end";

        var (put, putBody, _) = await api.SendAsync(HttpMethod.Put, ConfigMaps + "/update-me", update.ToJsonString());
        var (patch, _, _) = await api.SendAsync(HttpMethod.Patch, ConfigMaps + "/update-me", """{"metadata":{"annotations":{"a/b/c":"x"}}}""", "application/merge-patch+json");
        var (apply, _, _) = await api.SendAsync(HttpMethod.Patch, ConfigMaps + "/update-me?fieldManager=me", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"update-me","labels":{"x":"-bad-"}}}""", "application/apply-patch+yaml");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, put);
        Assert.Equal("metadata.labels", putBody!["details"]!["causes"]![0]!["field"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, patch);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, apply);
        var after = await api.Store.GetAsync("/registry/configmaps/default/update-me");
        Assert.Equal(stored!.ModRevision, after!.ModRevision);
    }

    [Theory]
    [InlineData("POST", ConfigMaps, "application/json", "CreateOptions")]
    [InlineData("PUT", ConfigMaps + "/fm", "application/json", "UpdateOptions")]
    [InlineData("PATCH", ConfigMaps + "/fm", "application/merge-patch+json", "PatchOptions")]
    [InlineData("PATCH", ConfigMaps + "/fm", "application/apply-patch+yaml", "PatchOptions")]
    public async Task A_field_manager_over_128_bytes_is_422_on_the_options(string method, string path, string contentType, string options)
    {
        await api.SendAsync(HttpMethod.Post, ConfigMaps, ConfigMap("fm", ""));

        var (status, body, _) = await api.SendAsync(new HttpMethod(method), path + "?fieldManager=" + new string('m', 129), ConfigMap("fm", ""), contentType);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal($"{options}.meta.k8s.io \"\" is invalid: fieldManager: Too long: may not be more than 128 bytes", body!["message"]!.GetValue<string>());
        Assert.Equal("meta.k8s.io", body["details"]!["group"]!.GetValue<string>());
        Assert.Equal(options, body["details"]!["kind"]!.GetValue<string>());
        Assert.Equal("FieldValueTooLong", body["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_field_manager_with_a_control_character_is_422()
    {
        var (status, body, _) = await api.SendAsync(HttpMethod.Post, ConfigMaps + "?fieldManager=a%07b", ConfigMap("fm-control", ""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("CreateOptions.meta.k8s.io \"\" is invalid: fieldManager: Invalid value: \"a\\ab\": invalid character U+0007 (at position 1)", body!["message"]!.GetValue<string>());
    }

    private static string ConfigMap(string name, string metadata) =>
        $"{{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{{\"name\":\"{name}\"{(metadata.Length > 0 ? "," + metadata : "")}}}}}";
}
