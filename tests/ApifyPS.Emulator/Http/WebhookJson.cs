using System.Text.Json;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Http;

/// <summary>Webhooks and their dispatches as the OpenAPI document's WebhookShort, Webhook and WebhookDispatch describe them.</summary>
public static class WebhookJson
{
    /// <summary>WebhookShort: an entry of the webhook lists.</summary>
    public static void WebhookShort(Utf8JsonWriter w, WebhookRecord h)
    {
        w.WriteStartObject();
        Fields(w, h);
        w.WriteEndObject();
    }

    /// <summary>Webhook: the short form plus the templates and the description.</summary>
    public static void Webhook(Utf8JsonWriter w, WebhookRecord h)
    {
        w.WriteStartObject();
        Fields(w, h);
        WriteNullable(w, "payloadTemplate", h.PayloadTemplate);
        WriteNullable(w, "headersTemplate", h.HeadersTemplate);
        WriteNullable(w, "description", h.Description);
        w.WriteEndObject();
    }

    private static void Fields(Utf8JsonWriter w, WebhookRecord h)
    {
        w.WriteString("id", h.Id);
        w.WriteTime("createdAt", h.CreatedAt);
        w.WriteTime("modifiedAt", h.ModifiedAt);
        w.WriteString("userId", h.Owner.Id);
        w.WriteBoolean("isAdHoc", h.IsAdHoc ?? false);
        w.WriteBoolean("isApifyIntegration", false);
        w.WriteBoolean("isEnabled", h.IsEnabled);
        w.WriteString("actionType", "HTTP_REQUEST");
        w.WriteBoolean("shouldInterpolateStrings", h.ShouldInterpolateStrings ?? false);
        w.WriteStartArray("eventTypes");
        foreach (var t in h.EventTypes) w.WriteStringValue(t);
        w.WriteEndArray();
        Condition(w, h);
        w.WriteBoolean("ignoreSslErrors", h.IgnoreSslErrors);
        w.WriteBoolean("doNotRetry", h.DoNotRetry);
        w.WriteString("requestUrl", h.RequestUrl);
        if (h.LastDispatch is { } last)
        {
            w.WriteStartObject("lastDispatch");
            w.WriteString("status", last.Status);
            w.WriteTime("finishedAt", last.Calls.LastOrDefault()?.FinishedAt);
            w.WriteEndObject();
        }
        else if (h.TotalDispatches > 0)
        {
            // A seeded webhook's dispatches happened before this server: the newest counts as SUCCEEDED at its change.
            w.WriteStartObject("lastDispatch");
            w.WriteString("status", "SUCCEEDED");
            w.WriteTime("finishedAt", h.ModifiedAt);
            w.WriteEndObject();
        }
        else w.WriteNull("lastDispatch");
        w.WriteStartObject("stats");
        w.WriteNumber("totalDispatches", h.TotalDispatches);
        w.WriteEndObject();
    }

    private static void Condition(Utf8JsonWriter w, WebhookRecord h)
    {
        w.WriteStartObject("condition");
        if (h.Actor != null) w.WriteString("actorId", h.Actor.Id);
        if (h.ActorTaskId != null) w.WriteString("actorTaskId", h.ActorTaskId);
        if (h.ActorRunId != null) w.WriteString("actorRunId", h.ActorRunId);
        w.WriteEndObject();
    }

    /// <summary>WebhookDispatch: what was dispatched for which event, and its calls.</summary>
    public static void Dispatch(Utf8JsonWriter w, WebhookDispatchRecord d)
    {
        w.WriteStartObject();
        w.WriteString("id", d.Id);
        w.WriteString("userId", d.Webhook.Owner.Id);
        w.WriteString("webhookId", d.Webhook.Id);
        w.WriteTime("createdAt", d.CreatedAt);
        w.WriteString("status", d.Status);
        w.WriteString("eventType", d.EventType);
        w.WriteStartObject("eventData");
        w.WriteString("actorId", d.ActorId ?? "");
        if (d.ActorRunId != null) w.WriteString("actorRunId", d.ActorRunId);
        if (d.ActorBuildId != null) w.WriteString("actorBuildId", d.ActorBuildId);
        if (d.ActorTaskId != null) w.WriteString("actorTaskId", d.ActorTaskId);
        w.WriteEndObject();
        w.WriteStartObject("webhook");
        w.WriteString("actionType", "HTTP_REQUEST");
        Condition(w, d.Webhook);
        w.WriteString("requestUrl", d.Webhook.RequestUrl);
        w.WriteBoolean("isAdHoc", d.Webhook.IsAdHoc ?? false);
        w.WriteEndObject();
        w.WriteStartArray("calls");
        foreach (var c in d.Calls)
        {
            w.WriteStartObject();
            w.WriteTime("startedAt", c.StartedAt);
            w.WriteTime("finishedAt", c.FinishedAt);
            WriteNullable(w, "errorMessage", c.ErrorMessage);
            if (c.ResponseStatus is int status) w.WriteNumber("responseStatus", status);
            else w.WriteNull("responseStatus");
            WriteNullable(w, "responseBody", c.ResponseBody);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value == null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
