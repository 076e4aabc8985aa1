using System.Text.Json;
using ApifyPS.Emulator.State;

namespace ApifyPS.Emulator.Http;

/// <summary>Tasks as the OpenAPI document's TaskShort and Task schemas describe them.</summary>
public static class TaskJson
{
    public static void TaskShort(Utf8JsonWriter w, TaskRecord t)
    {
        w.WriteStartObject();
        w.WriteString("id", t.Id);
        w.WriteString("userId", t.Owner.Id);
        w.WriteString("actId", t.Actor.Id);
        w.WriteString("actName", t.Actor.Name);
        w.WriteString("name", t.Name);
        w.WriteString("username", t.Owner.Username);
        w.WriteString("actUsername", t.Actor.Owner.Username);
        w.WriteTime("createdAt", t.CreatedAt);
        w.WriteTime("modifiedAt", t.ModifiedAt);
        Stats(w, t);
        w.WriteEndObject();
    }

    public static void Task(Utf8JsonWriter w, TaskRecord t)
    {
        w.WriteStartObject();
        w.WriteString("id", t.Id);
        w.WriteString("userId", t.Owner.Id);
        w.WriteString("actId", t.Actor.Id);
        w.WriteString("name", t.Name);
        w.WriteString("username", t.Owner.Username);
        w.WriteTime("createdAt", t.CreatedAt);
        w.WriteTime("modifiedAt", t.ModifiedAt);
        w.WriteNull("removedAt");
        Stats(w, t);
        w.WritePropertyName("options");
        if (t.Options is { } options) options.WriteTo(w); else w.WriteNullValue();
        w.WritePropertyName("input");
        if (t.Input is { } input) input.WriteTo(w); else w.WriteNullValue();
        if (t.Title != null) w.WriteString("title", t.Title); else w.WriteNull("title");
        w.WriteEndObject();
    }

    private static void Stats(Utf8JsonWriter w, TaskRecord t)
    {
        w.WriteStartObject("stats");
        w.WriteNumber("totalRuns", t.Runs.Count);
        w.WriteEndObject();
    }
}
