using System.Net;
using System.Text;
using System.Text.Json;
using ApifyPS.Emulator.Http;

namespace ApifyPS.Emulator.State;

/// <summary>
/// Dispatches webhooks for real: when a build or run is created or ends (<see cref="JobLifecycle"/>'s events), every
/// enabled webhook whose condition names its Actor (or the run) and whose event types include the event gets a
/// dispatch, whose payload (the webhook's payloadTemplate or the spec's default) is POSTed to its request URL with
/// the headers the API sends (Content-Type, X-Apify-Webhook, X-Apify-Webhook-Dispatch-Id, X-Apify-Request-Origin,
/// and the headersTemplate's). One call per dispatch, made off the store's lock, 30 s at most: a 2xx answer makes
/// it SUCCEEDED, anything else FAILED, with the status and the start of the body recorded. Only loopback URLs are
/// called (so tests receive them with a local listener); any other is recorded FAILED without a connection. The
/// real API retries a failed call with backoff unless doNotRetry; this server makes the one call (a test sees the
/// outcome at once). A condition on an Actor task matches the runs started from that task (their actorTaskId).
/// </summary>
public sealed class WebhookDispatcher
{
    private const int MaxResponseBodyChars = 1000;
    private static readonly HttpClient s_http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false, UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(10),
    }) { Timeout = Timeout.InfiniteTimeSpan };

    private readonly EmulatorStore _store;
    private readonly AccountState _account;

    public WebhookDispatcher(EmulatorStore store, AccountState account)
    {
        _store = store;
        _account = account;
        store.Lifecycle.Created += job => Fire(job, EventOf(job, "CREATED"));
        store.Lifecycle.Finished += job => Fire(job, EventOf(job, job.Status.Replace('-', '_')));
    }

    /// <summary>ACTOR.RUN.SUCCEEDED, ACTOR.BUILD.TIMED_OUT, ...</summary>
    public static string EventOf(JobRecord job, string what) => (job is RunRecord ? "ACTOR.RUN." : "ACTOR.BUILD.") + what;

    /// <summary>The webhook event types the API knows (WebhookEventType).</summary>
    public static readonly string[] EventTypes =
    {
        "ACTOR.BUILD.ABORTED", "ACTOR.BUILD.CREATED", "ACTOR.BUILD.FAILED", "ACTOR.BUILD.SUCCEEDED", "ACTOR.BUILD.TIMED_OUT",
        "ACTOR.RUN.ABORTED", "ACTOR.RUN.CREATED", "ACTOR.RUN.FAILED", "ACTOR.RUN.RESURRECTED", "ACTOR.RUN.SUCCEEDED",
        "ACTOR.RUN.TIMED_OUT", "TEST",
    };

    /// <summary>Caller holds the store's lock (the lifecycle's handlers run under it).</summary>
    private void Fire(JobRecord job, string eventType)
    {
        foreach (var webhook in _store.WebhooksById.Values.OrderBy(h => h.Seq).ToList())
        {
            if (!webhook.IsEnabled || !webhook.EventTypes.Contains(eventType)) continue;
            var matches = webhook.ActorRunId != null ? webhook.ActorRunId == job.Id
                : webhook.ActorTaskId != null ? job is RunRecord run && run.ActorTaskId == webhook.ActorTaskId
                : webhook.Actor != null && webhook.Actor == job.Actor;
            if (matches && webhook.Owner == job.Actor.Owner) Dispatch(webhook, eventType, job);
        }
    }

    /// <summary>
    /// Makes a dispatch of <paramref name="webhook"/> and starts its call; <paramref name="job"/> is the resource (null
    /// for a test, which sends a dummy run). Caller holds the store's lock.
    /// </summary>
    public WebhookDispatchRecord Dispatch(WebhookRecord webhook, string eventType, JobRecord? job)
    {
        var id = Ids.New();
        var createdAt = Clock.UtcNow();
        var actorId = job?.Actor.Id ?? webhook.Actor?.Id;
        var variables = new Dictionary<string, string>
        {
            ["userId"] = Json(w => w.WriteStringValue(webhook.Owner.Id)),
            ["createdAt"] = Json(w => w.WriteStringValue(ApiResponse.Format(createdAt))),
            ["eventType"] = Json(w => w.WriteStringValue(eventType)),
            ["eventData"] = Json(w =>
            {
                w.WriteStartObject();
                if (actorId != null) w.WriteString("actorId", actorId);
                if (job is RunRecord) w.WriteString("actorRunId", job.Id);
                if (job is BuildRecord) w.WriteString("actorBuildId", job.Id);
                if (webhook.ActorTaskId != null) w.WriteString("actorTaskId", webhook.ActorTaskId);
                w.WriteEndObject();
            }),
            ["resource"] = Json(w =>
            {
                switch (job)
                {
                    case RunRecord run: JobJson.Run(w, run); break;
                    case BuildRecord build: JobJson.Build(w, build); break;
                    default:
                        w.WriteStartObject();
                        w.WriteString("id", "test-" + id);
                        if (actorId != null) w.WriteString("actId", actorId);
                        w.WriteString("userId", webhook.Owner.Id);
                        w.WriteString("status", JobStatuses.Succeeded);
                        w.WriteTime("startedAt", createdAt);
                        w.WriteTime("finishedAt", createdAt);
                        w.WriteEndObject();
                        break;
                }
            }),
        };
        var interpolate = webhook.ShouldInterpolateStrings == true;
        var payload = PayloadTemplate.Interpolate(string.IsNullOrEmpty(webhook.PayloadTemplate) ? PayloadTemplate.Default : webhook.PayloadTemplate,
            variables, interpolate);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(webhook.HeadersTemplate))
        {
            try
            {
                using var doc = JsonDocument.Parse(PayloadTemplate.Interpolate(webhook.HeadersTemplate, variables, interpolate));
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                    foreach (var p in doc.RootElement.EnumerateObject())
                        headers[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
            catch (JsonException) { /* checked when the webhook was saved; a variable made it invalid: send none */ }
        }
        // "Following values will be re-written to defaults": host, Content-Type and the X-Apify ones.
        foreach (var reserved in new[] { "host", "Content-Type", "Content-Length" }) headers.Remove(reserved);
        headers["X-Apify-Webhook"] = webhook.Id;
        headers["X-Apify-Webhook-Dispatch-Id"] = id;
        headers["X-Apify-Request-Origin"] = "WEBHOOK";

        var dispatch = new WebhookDispatchRecord
        {
            Id = id, Webhook = webhook, EventType = eventType, CreatedAt = createdAt, Seq = _store.NextSeq(), ActorId = actorId,
            ActorRunId = job is RunRecord ? job.Id : null, ActorBuildId = job is BuildRecord ? job.Id : null,
            ActorTaskId = webhook.ActorTaskId, Payload = payload,
        };
        _account.AddDispatch(dispatch);
        webhook.LastDispatch = dispatch;
        webhook.TotalDispatches++;
        var call = new WebhookCallRecord { StartedAt = createdAt };
        dispatch.Calls.Add(call);
        var url = webhook.RequestUrl;
        _ = Task.Run(() => CallAsync(dispatch, call, url, payload, headers));
        return dispatch;
    }

    private async Task CallAsync(WebhookDispatchRecord dispatch, WebhookCallRecord call, string url, string payload, Dictionary<string, string> headers)
    {
        int? status = null;
        string? error = null;
        string? body = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            error = $"'{url}' is not an absolute http(s) URL.";
        else if (!IsLoopback(uri))
            error = $"Not called: this local server calls only loopback addresses, and '{uri.Host}' is not one.";
        else
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
                foreach (var (name, value) in headers)
                    if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content.Headers.TryAddWithoutValidation(name, value);
                using var response = await s_http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token).ConfigureAwait(false);
                status = (int)response.StatusCode;
                body = await ReadStartAsync(response, cts.Token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) error = $"The request URL answered {status} {response.ReasonPhrase}.";
            }
            catch (OperationCanceledException)
            {
                error = "The request URL did not answer within 30 seconds.";
            }
            catch (HttpRequestException ex)
            {
                error = $"The request failed: {ex.Message}";
            }
        }
        lock (_store.Sync)
        {
            call.FinishedAt = Clock.UtcNow();
            call.ResponseStatus = status;
            call.ResponseBody = body;
            call.ErrorMessage = error;
            dispatch.Status = error == null ? "SUCCEEDED" : "FAILED";
        }
    }

    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken token)
    {
        using var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
        var buffer = new byte[MaxResponseBodyChars * 4];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), token).ConfigureAwait(false)) > 0) read += n;
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return text.Length > MaxResponseBodyChars ? text[..MaxResponseBodyChars] : text;
    }

    public static bool IsLoopback(Uri uri) =>
        string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms)) write(w);
        return Encoding.UTF8.GetString(ms.ToArray());
    }
}
