using System.Text.Json;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Http;

/// <summary>Schedules as the OpenAPI document's ScheduleShort, Schedule and ScheduleInvoked schemas describe them.</summary>
public static class ScheduleJson
{
    public static void ScheduleShort(Utf8JsonWriter w, ScheduleRecord s) => Write(w, s, full: false);

    public static void Schedule(Utf8JsonWriter w, ScheduleRecord s) => Write(w, s, full: true);

    public static void LogEntry(Utf8JsonWriter w, ScheduleLogRecord e)
    {
        w.WriteStartObject();
        w.WriteString("message", e.Message);
        w.WriteString("level", e.Level);
        w.WriteTime("createdAt", e.CreatedAt);
        w.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter w, ScheduleRecord s, bool full)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("userId", s.Owner.Id);
        w.WriteString("name", s.Name);
        w.WriteString("cronExpression", s.CronExpression);
        w.WriteString("timezone", s.Timezone);
        w.WriteBoolean("isEnabled", s.IsEnabled);
        w.WriteBoolean("isExclusive", s.IsExclusive);
        w.WriteTime("createdAt", s.CreatedAt);
        w.WriteTime("modifiedAt", s.ModifiedAt);
        w.WriteTime("nextRunAt", s.IsEnabled ? NextRunAt(s) : null);
        w.WriteTime("lastRunAt", s.LastRunAt);
        if (full)
        {
            if (s.Description != null) w.WriteString("description", s.Description); else w.WriteNull("description");
            if (s.Title != null) w.WriteString("title", s.Title); else w.WriteNull("title");
            w.WriteStartObject("notifications");
            w.WriteBoolean("email", true);
            w.WriteEndObject();
        }
        w.WriteStartArray("actions");
        foreach (var a in s.Actions) Action(w, a, full);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Action(Utf8JsonWriter w, ScheduleActionRecord a, bool full)
    {
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("type", a.Type);
        if (a.Type == ScheduleActionTypes.RunActor)
        {
            w.WriteString("actorId", a.ActorId);
            if (full)
            {
                w.WritePropertyName("runInput");
                if (a.RunInputBody != null)
                {
                    w.WriteStartObject();
                    w.WriteString("body", a.RunInputBody);
                    w.WriteString("contentType", a.RunInputContentType ?? "application/json; charset=utf-8");
                    w.WriteEndObject();
                }
                else w.WriteNullValue();
                w.WritePropertyName("runOptions");
                if (a.RunOptions is { } o) o.WriteTo(w); else w.WriteNullValue();
            }
        }
        else
        {
            w.WriteString("actorTaskId", a.ActorTaskId);
            if (full)
            {
                w.WritePropertyName("input");
                if (a.Input is { } i) i.WriteTo(w); else w.WriteNullValue();
            }
        }
        w.WriteEndObject();
    }

    private static DateTime? NextRunAt(ScheduleRecord s)
    {
        var cron = Cron.Parse(s.CronExpression, out _);
        try
        {
            return cron?.NextAfter(Clock.UtcNow(), TimeZoneInfo.FindSystemTimeZoneById(s.Timezone));
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
    }
}

public static class ScheduleActionTypes
{
    public const string RunActor = "RUN_ACTOR", RunActorTask = "RUN_ACTOR_TASK";
}
