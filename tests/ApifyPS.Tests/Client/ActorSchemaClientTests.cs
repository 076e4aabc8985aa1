using System.Collections;
using System.Security;
using System.Text;
using System.Text.Json;
using ApifyPS.Client;
using Xunit;

namespace ApifyPS.Tests.Client;

/// <summary>The request bodies of the Actor and version endpoints, checked before anything is sent.</summary>
public class ActorSchemaClientTests
{
    private static ApifyBody Body(params (string Name, object? Value)[] fields)
    {
        var body = new ApifyBody();
        foreach (var (name, value) in fields) body.Set(name, value);
        return body;
    }

    private static string Json(ApifyBody body)
    {
        using var content = body.ToContent();
        return content.ReadAsStringAsync().GetAwaiter().GetResult();
    }

    private static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (var c in text) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }

    [Fact]
    public void Field_names_take_the_api_spelling_whatever_their_case_and_read_only_fields_are_dropped()
    {
        var body = ApifyActorSchema.NormalizeActor(Body(("Name", "my-actor"), ("TITLE", "T"), ("id", "x"), ("Stats", null), ("username", "u"), ("custom", 1)), creating: true);
        Assert.Equal(new[] { "name", "title", "custom" }, body.Names);
        Assert.Equal("{\"name\":\"my-actor\",\"title\":\"T\",\"custom\":1}", Json(body));
    }

    [Theory]
    [InlineData("My Actor")]
    [InlineData("UPPER")]
    [InlineData("under_score")]
    [InlineData("janedoe~x")]
    [InlineData("")]
    public void Names_outside_the_spec_rule_are_refused(string name) =>
        Assert.Throws<ArgumentException>(() => ApifyActorSchema.NormalizeActor(Body(("name", name)), creating: true));

    [Fact]
    public void A_new_actor_needs_a_name_an_update_does_not()
    {
        Assert.Throws<ArgumentException>(() => ApifyActorSchema.NormalizeActor(Body(("title", "x")), creating: true));
        Assert.Equal(new[] { "title" }, ApifyActorSchema.NormalizeActor(Body(("title", "x")), creating: false).Names);
    }

    [Theory]
    [InlineData("1", "GIT_REPO", "gitRepoUrl", "https://x/y.git")]
    [InlineData("01.0", "GIT_REPO", "gitRepoUrl", "https://x/y.git")]
    [InlineData("1.100", "GIT_REPO", "gitRepoUrl", "https://x/y.git")]
    [InlineData("1.0", "CVS", "gitRepoUrl", "https://x/y.git")]
    [InlineData("1.0", "GIT_REPO", "tarballUrl", "https://x/y.zip")]
    [InlineData("1.0", "TARBALL", "tarballUrl", "ftp-less nonsense")]
    [InlineData("1.0", "GITHUB_GIST", "gitHubGistUrl", "")]
    [InlineData("1.0", "SOURCE_FILES", "gitRepoUrl", "https://x/y.git")]
    public void Versions_that_the_api_would_refuse_are_refused_here(string number, string type, string field, string value) =>
        Assert.Throws<ArgumentException>(() =>
            ApifyActorSchema.NormalizeVersion(Body(("versionNumber", number), ("sourceType", type), (field, value)), creating: true));

    [Fact]
    public void A_version_gets_its_source_type_in_capitals_and_keeps_only_what_was_given()
    {
        var v = ApifyActorSchema.NormalizeVersion(Body(("VersionNumber", "1.12"), ("sourcetype", "git_repo"), ("GitRepoUrl", "git@github.com:jane/x.git")), creating: true);
        Assert.Equal("{\"versionNumber\":\"1.12\",\"sourceType\":\"GIT_REPO\",\"gitRepoUrl\":\"git@github.com:jane/x.git\"}", Json(v));
        var update = ApifyActorSchema.NormalizeVersion(Body(("buildTag", null)), creating: false);
        Assert.Equal("{\"buildTag\":null}", Json(update));
    }

    [Fact]
    public void Environment_variables_from_a_hashtable_a_securestring_is_a_secret()
    {
        var vars = ApifyActorSchema.NormalizeEnvVars(new ApifyBody().Set("PLAIN", "a").Set("COUNT", 5).Set("FLAG", true).Set("KEY", Secure("p@ss")));
        var json = Json(new ApifyBody().Set("envVars", vars));
        Assert.Equal("{\"envVars\":[{\"name\":\"PLAIN\",\"value\":\"a\"},{\"name\":\"COUNT\",\"value\":\"5\"},{\"name\":\"FLAG\",\"value\":\"true\"}," +
                     "{\"name\":\"KEY\",\"value\":\"p@ss\",\"isSecret\":true}]}", json);
    }

    [Fact]
    public void Environment_variables_as_a_list_a_secret_read_back_has_no_value_and_keeps_it()
    {
        var list = new ArrayList
        {
            new ApifyBody().Set("Name", "A").Set("Value", "1").Set("IsSecret", false),
            new ApifyBody().Set("name", "S").Set("isSecret", true),
        };
        var json = Json(new ApifyBody().Set("envVars", ApifyActorSchema.NormalizeEnvVars(list)));
        Assert.Equal("{\"envVars\":[{\"name\":\"A\",\"value\":\"1\",\"isSecret\":false},{\"name\":\"S\",\"isSecret\":true}]}", json);
        Assert.Throws<ArgumentException>(() => ApifyActorSchema.NormalizeEnvVars(new ArrayList { new ApifyBody().Set("name", "A"), new ApifyBody().Set("name", "A") }));
        Assert.Throws<ArgumentException>(() => ApifyActorSchema.NormalizeEnvVars(new ArrayList { new ApifyBody().Set("name", "K").Set("value", Secure("x")).Set("isSecret", false) }));
    }

    [Fact]
    public void A_body_shows_its_field_names_never_its_values()
    {
        var body = new ApifyBody().Set("name", "x").Set("envVars", ApifyActorSchema.NormalizeEnvVars(new ApifyBody().Set("KEY", Secure("hunter2"))));
        Assert.Equal("{name, envVars}", body.ToString());
        Assert.True(body.HasSecret);
        Assert.DoesNotContain("hunter2", body.ToString());
        Assert.Contains("hunter2", Json(body)); // sent, of course
    }

    [Fact]
    public async Task The_request_bytes_are_cleared_once_the_request_is_disposed()
    {
        var body = new ApifyBody().Set("value", Secure("hunter2")).Set("isSecret", true);
        var content = body.ToContent();
        using var sent = new MemoryStream();
        await content.CopyToAsync(sent);
        Assert.Contains("hunter2", Encoding.UTF8.GetString(sent.ToArray()));
        Assert.Equal("application/json", content.Headers.ContentType?.MediaType);
        Assert.Equal(sent.Length, content.Headers.ContentLength);
        content.Dispose();
        var field = content.GetType().GetField("_bytes", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
        Assert.All((byte[])field.GetValue(content)!, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Run_options_and_tagged_builds_are_checked_and_shaped()
    {
        Assert.Throws<ArgumentException>(() => ApifyActorSchema.NormalizeActor(Body(("defaultRunOptions", Body(("memoryMbytes", 1000)))), creating: false));
        Assert.Throws<ArgumentException>(() => ApifyActorSchema.NormalizeActor(Body(("defaultRunOptions", Body(("timeoutSecs", -1)))), creating: false));
        var body = ApifyActorSchema.NormalizeActor(Body(
            ("DefaultRunOptions", Body(("MemoryMbytes", 2048.0), ("build", "beta"))),
            ("taggedBuilds", Body(("latest", "b1"), ("beta", null), ("old", Body(("id", "b2")))))), creating: false);
        Assert.Equal("{\"defaultRunOptions\":{\"memoryMbytes\":2048,\"build\":\"beta\"},\"taggedBuilds\":{\"latest\":{\"buildId\":\"b1\"},\"beta\":null,\"old\":{\"buildId\":\"b2\"}}}",
            Json(body));
        // taggedBuilds are not part of a new Actor: a template's are left out.
        Assert.False(ApifyActorSchema.NormalizeActor(Body(("name", "x"), ("taggedBuilds", Body(("latest", "b1")))), creating: true).Has("taggedBuilds"));
    }

    [Fact]
    public void Job_status_completion_offers_the_statuses_by_prefix_and_wildcard()
    {
        var completer = new ApifyPS.Cmdlets.ApifyJobStatusCompleter();
        Assert.Equal(new[] { "TIMING-OUT", "TIMED-OUT" }, completer.CompleteArgument("Get-ApifyRun", "Status", "ti", null!, null!).Select(c => c.CompletionText));
        Assert.Equal(new[] { "SUCCEEDED", "FAILED", "TIMED-OUT", "ABORTED" },
            completer.CompleteArgument("Get-ApifyRun", "Status", "*ED", null!, null!).Select(c => c.CompletionText));
        Assert.Equal(8, completer.CompleteArgument("Get-ApifyRun", "Status", "", null!, null!).Count());
    }
}
