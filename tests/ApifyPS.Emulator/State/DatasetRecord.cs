using System.Globalization;
using System.Text.Json;

namespace ApifyPS.Emulator.State;

/// <summary>
/// A dataset: items stored one by one (parsed JSON, as an Actor pushed them), then items made up on the fly
/// (<see cref="GeneratedItems"/>): a run of a seeded Actor can hold a million items without the server keeping them.
/// Not thread-safe: callers hold <see cref="EmulatorStore.Sync"/>; stored items never change once written, so a
/// snapshot of them can be written out after the lock is released.
/// </summary>
public sealed class DatasetRecord : StorageRecord
{

    /// <summary>Stored items, oldest first.</summary>
    public List<JsonElement> Items { get; } = new();

    /// <summary>How many generated items follow the stored ones.</summary>
    public long GeneratedCount { get; private set; }

    public long Count => Items.Count + GeneratedCount;

    /// <summary>About how many bytes the stored items take (their JSON), for the dataset's stats.</summary>
    public long StoredBytes { get; private set; }

    public void Push(IEnumerable<JsonElement> items)
    {
        if (GeneratedCount > 0) throw new InvalidOperationException("Generated items are the last items of a dataset.");
        foreach (var item in items)
        {
            Items.Add(item.Clone());
            StoredBytes += item.GetRawText().Length;
        }
        ModifiedAt = DateTime.UtcNow;
    }

    public void PushGenerated(long count)
    {
        GeneratedCount += count;
        ModifiedAt = DateTime.UtcNow;
    }
}

/// <summary>
/// The items a run of a seeded Actor writes unless seeded with its own: a product listing of the kind a web scraper
/// stores, with a nested object, an array and a hidden field (<c>#debug</c>, dropped by <c>clean</c>). Item i
/// (0-based) is a pure function of i, so any page of a million items is written without storing one.
/// </summary>
public static class GeneratedItems
{
    public static readonly string[] Fields = { "position", "url", "title", "price", "currency", "inStock", "tags", "seller", "#debug" };

    /// <summary>Writes item <paramref name="index"/> with the fields at <paramref name="fieldIndexes"/> (null: all), in that order.</summary>
    public static void Write(Utf8JsonWriter w, long index, int[]? fieldIndexes)
    {
        w.WriteStartObject();
        if (fieldIndexes == null)
            for (var f = 0; f < Fields.Length; f++) WriteField(w, index, f);
        else
            foreach (var f in fieldIndexes) WriteField(w, index, f);
        w.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter w, long i, int field)
    {
        var n = i + 1;
        switch (field)
        {
            case 0: w.WriteNumber("position", n); break;
            case 1: w.WriteString("url", "https://example.com/products/" + n.ToString(CultureInfo.InvariantCulture)); break;
            case 2: w.WriteString("title", "Product " + n.ToString(CultureInfo.InvariantCulture)); break;
            case 3: w.WriteNumber("price", i % 97 + 0.99m); break;
            case 4: w.WriteString("currency", "USD"); break;
            case 5: w.WriteBoolean("inStock", i % 3 != 0); break;
            case 6:
                w.WriteStartArray("tags");
                w.WriteStringValue("tag-" + (i % 5).ToString(CultureInfo.InvariantCulture));
                w.WriteStringValue("category-" + (i % 7).ToString(CultureInfo.InvariantCulture));
                w.WriteEndArray();
                break;
            case 7:
                w.WriteStartObject("seller");
                w.WriteString("name", "Seller " + (i % 10).ToString(CultureInfo.InvariantCulture));
                w.WriteNumber("rating", 3.5m + i % 3 * 0.5m);
                w.WriteEndObject();
                break;
            case 8:
                w.WriteStartObject("#debug");
                w.WriteString("requestId", "req-" + n.ToString(CultureInfo.InvariantCulture));
                w.WriteNumber("retryCount", i % 2);
                w.WriteEndObject();
                break;
        }
    }
}

/// <summary>
/// What the items endpoint's <c>fields</c>, <c>omit</c>, <c>skipHidden</c> and <c>skipEmpty</c> (<c>clean</c> is both)
/// do to each item: keep only the listed fields, in the listed order; drop omitted ones and those starting with #;
/// skip items that are empty objects.
/// </summary>
public sealed class ItemFilter
{
    public string[]? Fields { get; init; }
    public HashSet<string>? Omit { get; init; }
    public bool SkipHidden { get; init; }
    public bool SkipEmpty { get; init; }

    public bool ChangesFields => Fields != null || Omit != null || SkipHidden;

    /// <summary>The generated items' fields to write, in order; null when all are written as they are.</summary>
    public int[]? GeneratedFieldIndexes()
    {
        if (!ChangesFields) return null;
        IEnumerable<string> names = Fields ?? GeneratedItems.Fields;
        return names.Where(Keeps).Select(n => Array.IndexOf(GeneratedItems.Fields, n)).Where(i => i >= 0).ToArray();
    }

    public bool Skips(JsonElement item) => SkipEmpty && item.ValueKind == JsonValueKind.Object && !item.EnumerateObject().Any();

    public void Write(Utf8JsonWriter w, JsonElement item)
    {
        if (!ChangesFields || item.ValueKind != JsonValueKind.Object)
        {
            item.WriteTo(w);
            return;
        }
        w.WriteStartObject();
        if (Fields != null)
        {
            foreach (var name in Fields)
                if (Keeps(name) && item.TryGetProperty(name, out var value))
                {
                    w.WritePropertyName(name);
                    value.WriteTo(w);
                }
        }
        else
        {
            foreach (var property in item.EnumerateObject())
                if (Keeps(property.Name)) property.WriteTo(w);
        }
        w.WriteEndObject();
    }

    private bool Keeps(string name) => !(SkipHidden && name.StartsWith('#')) && !(Omit?.Contains(name) ?? false);
}
