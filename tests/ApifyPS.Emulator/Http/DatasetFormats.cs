using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Xml;

namespace ApifyPS.Emulator.Http;

/// <summary>
/// The dataset items endpoint's other formats (the spec's <c>format</c> parameter): <c>csv</c> (one header row of
/// every flattened field, <c>seller/name</c>, <c>tags/0</c>, unless <c>skipHeaderRow</c>; <c>delimiter</c>; a BOM
/// unless <c>bom=0</c>), <c>html</c> (one table), <c>xlsx</c> (a real Office Open XML workbook, one sheet) and
/// <c>xml</c> (<c>&lt;items&gt;&lt;item&gt;...</c>, <c>xmlRoot</c>/<c>xmlRow</c>; arrays repeat their element).
/// Written as items come, in chunks; the xlsx workbook is built in a temporary file, then sent.
/// </summary>
public static class DatasetFormats
{
    public static readonly string[] TableFormats = { "csv", "html", "xlsx" };

    public static string ContentType(string format) => format switch
    {
        "csv" => "text/csv; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };

    public sealed class Options
    {
        public bool SkipHeaderRow { get; init; }
        public string Delimiter { get; init; } = ",";
        public bool? Bom { get; init; }
        public string XmlRoot { get; init; } = "items";
        public string XmlRow { get; init; } = "item";
    }

    /// <summary>The columns of a table: every item's fields flattened, in the order first seen.</summary>
    public static List<string> Columns(IEnumerable<JsonElement> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var columns = new List<string>();
        foreach (var item in items)
            foreach (var (name, _) in Flatten(item))
                if (seen.Add(name)) columns.Add(name);
        return columns;
    }

    /// <summary>An item's leaves: nested objects and arrays as <c>a/b</c>, <c>a/0</c>.</summary>
    public static IEnumerable<(string Name, JsonElement Value)> Flatten(JsonElement item, string prefix = "")
    {
        if (item.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in item.EnumerateObject())
                foreach (var leaf in Nested(p.Value, prefix + p.Name)) yield return leaf;
        }
        else if (prefix.Length == 0) yield return ("value", item);
    }

    private static IEnumerable<(string, JsonElement)> Nested(JsonElement value, string name)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var leaf in Flatten(value, name + "/")) yield return leaf;
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var e in value.EnumerateArray())
                    foreach (var leaf in Nested(e, name + "/" + (i++).ToString(CultureInfo.InvariantCulture))) yield return leaf;
                break;
            default:
                yield return (name, value);
                break;
        }
    }

    private static string Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => v.GetRawText(),
    };

    public static async Task WriteAsync(HttpContext ctx, string format, Options options, Func<IEnumerable<JsonElement>> items,
        Func<List<string>> columns)
    {
        var body = ctx.Response.Body;
        var aborted = ctx.RequestAborted;
        if (format == "xlsx")
        {
            await WriteXlsxAsync(ctx, items(), columns(), options);
            return;
        }
        var sb = new StringBuilder(64 * 1024);
        async Task FlushIfFull(bool always = false)
        {
            if (!always && sb.Length < 32 * 1024) return;
            var bytes = Encoding.UTF8.GetBytes(sb.ToString());
            sb.Clear();
            await body.WriteAsync(bytes, aborted);
        }
        switch (format)
        {
            case "csv":
            {
                if (options.Bom ?? true) await body.WriteAsync(new byte[] { 0xEF, 0xBB, 0xBF }, aborted);
                var cols = columns();
                var index = Index(cols);
                if (!options.SkipHeaderRow && cols.Count > 0)
                {
                    sb.Append(string.Join(options.Delimiter, cols.Select(c => Csv(c, options.Delimiter)))).Append('\n');
                }
                foreach (var item in items())
                {
                    var row = Row(item, index, cols.Count);
                    sb.Append(string.Join(options.Delimiter, row.Select(c => Csv(c, options.Delimiter)))).Append('\n');
                    await FlushIfFull();
                }
                break;
            }
            case "html":
            {
                if (options.Bom == true) await body.WriteAsync(new byte[] { 0xEF, 0xBB, 0xBF }, aborted);
                var cols = columns();
                var index = Index(cols);
                sb.Append("<table>");
                if (cols.Count > 0)
                {
                    sb.Append("<tr>");
                    foreach (var c in cols) sb.Append("<th>").Append(SecurityElement.Escape(c)).Append("</th>");
                    sb.Append("</tr>");
                }
                foreach (var item in items())
                {
                    sb.Append("<tr>");
                    foreach (var cell in Row(item, index, cols.Count)) sb.Append("<td>").Append(SecurityElement.Escape(cell)).Append("</td>");
                    sb.Append("</tr>\n");
                    await FlushIfFull();
                }
                sb.Append("</table>");
                break;
            }
            case "xml":
            {
                if (options.Bom == true) await body.WriteAsync(new byte[] { 0xEF, 0xBB, 0xBF }, aborted);
                sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").Append(options.XmlRoot).Append('>');
                foreach (var item in items())
                {
                    sb.Append('\n');
                    XmlElement(sb, options.XmlRow, item);
                    await FlushIfFull();
                }
                sb.Append("\n</").Append(options.XmlRoot).Append(">\n");
                break;
            }
        }
        await FlushIfFull(always: true);
    }

    private static Dictionary<string, int> Index(List<string> columns)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++) index[columns[i]] = i;
        return index;
    }

    private static string[] Row(JsonElement item, Dictionary<string, int> index, int count)
    {
        var row = new string[count];
        for (var i = 0; i < count; i++) row[i] = "";
        foreach (var (name, value) in Flatten(item))
            if (index.TryGetValue(name, out var i)) row[i] = Text(value);
        return row;
    }

    private static string Csv(string value, string delimiter) =>
        value.Contains(delimiter, StringComparison.Ordinal) || value.IndexOfAny(new[] { '"', '\n', '\r' }) >= 0
            ? "\"" + value.Replace("\"", "\"\"") + "\""
            : value;

    /// <summary>An XML element for a value: objects nest (<c>@</c> attributes, <c>#</c> text), arrays repeat the element.</summary>
    private static void XmlElement(StringBuilder sb, string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in value.EnumerateArray()) XmlElement(sb, name, e);
            return;
        }
        var tag = XmlConvert.EncodeLocalName(name);
        sb.Append('<').Append(tag);
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (value.TryGetProperty("@", out var attributes) && attributes.ValueKind == JsonValueKind.Object)
                foreach (var a in attributes.EnumerateObject())
                    sb.Append(' ').Append(XmlConvert.EncodeLocalName(a.Name)).Append("=\"").Append(SecurityElement.Escape(Text(a.Value))).Append('"');
            var children = value.EnumerateObject().Where(p => p.Name != "@" && p.Name != "#").ToList();
            if (children.Count == 0 && value.TryGetProperty("#", out var text))
            {
                sb.Append('>').Append(SecurityElement.Escape(Text(text))).Append("</").Append(tag).Append('>');
                return;
            }
            if (children.Count == 0) { sb.Append("/>"); return; }
            sb.Append('>');
            foreach (var c in children) XmlElement(sb, c.Name, c.Value);
            sb.Append("</").Append(tag).Append('>');
            return;
        }
        var content = Text(value);
        if (content.Length == 0) { sb.Append("/>"); return; }
        sb.Append('>').Append(SecurityElement.Escape(content)).Append("</").Append(tag).Append('>');
    }

    /// <summary>A one-sheet workbook (inline strings, numbers as numbers), zipped into a temporary file, then sent.</summary>
    private static async Task WriteXlsxAsync(HttpContext ctx, IEnumerable<JsonElement> items, List<string> columns, Options options)
    {
        var temp = Path.Combine(Path.GetTempPath(), "apifyps-emulator-" + Guid.NewGuid().ToString("N") + ".xlsx");
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
                {
                    Entry(zip, "[Content_Types].xml",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
                        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                        "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                        "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
                        "</Types>");
                    Entry(zip, "_rels/.rels",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
                        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" +
                        "</Relationships>");
                    Entry(zip, "xl/workbook.xml",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
                        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" +
                        "<sheets><sheet name=\"Items\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
                    Entry(zip, "xl/_rels/workbook.xml.rels",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
                        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                        "</Relationships>");
                    var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest);
                    using var s = new StreamWriter(sheet.Open(), new UTF8Encoding(false));
                    s.Write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" +
                            "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
                    var index = Index(columns);
                    var rowNumber = 0;
                    if (!options.SkipHeaderRow && columns.Count > 0)
                    {
                        s.Write($"<row r=\"{++rowNumber}\">");
                        foreach (var c in columns) s.Write($"<c t=\"inlineStr\"><is><t>{SecurityElement.Escape(c)}</t></is></c>");
                        s.Write("</row>");
                    }
                    foreach (var item in items)
                    {
                        var cells = new JsonElement?[columns.Count];
                        foreach (var (name, value) in Flatten(item))
                            if (index.TryGetValue(name, out var i)) cells[i] = value;
                        s.Write($"<row r=\"{++rowNumber}\">");
                        foreach (var cell in cells)
                        {
                            if (cell is { ValueKind: JsonValueKind.Number } n) s.Write($"<c><v>{n.GetRawText()}</v></c>");
                            else if (cell is { } v && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                                s.Write($"<c t=\"inlineStr\"><is><t xml:space=\"preserve\">{SecurityElement.Escape(Text(v))}</t></is></c>");
                            else s.Write("<c/>");
                        }
                        s.Write("</row>");
                    }
                    s.Write("</sheetData></worksheet>");
                }
                ctx.Response.ContentLength = file.Length;
                file.Position = 0;
                await file.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
            }
        }
        finally
        {
            try { File.Delete(temp); } catch (IOException) { }
        }
    }

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var w = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        w.Write(text);
    }
}
