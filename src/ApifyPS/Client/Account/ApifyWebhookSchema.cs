using System.Text;
using System.Text.Json;

namespace ApifyPS.Client
{
    /// <summary>
    /// What the API refuses in a webhook's create or update body, checked before any request: event types it does not
    /// know (spelled as it spells them), a request URL that is not absolute http(s), a condition that names nothing, a
    /// template that is not JSON once its <c>{{variables}}</c> are filled in. Throws ArgumentException naming the field.
    /// </summary>
    public static class ApifyWebhookSchema
    {
        public static void Check(ApifyBody body, bool creating)
        {
            if (body.Has("eventTypes") || creating)
            {
                var types = (body.Get("eventTypes") as IEnumerable<object?>)?.ToList();
                if (types == null || types.Count == 0) throw new ArgumentException("Give at least one event type (eventTypes).");
                var normalized = new List<object?>();
                foreach (var t in types)
                {
                    var known = ApifyWebhookEventTypes.Normalize(t as string)
                        ?? throw new ArgumentException($"'{t}' is not a webhook event type; use one of {string.Join(", ", ApifyWebhookEventTypes.All)}.");
                    if (!normalized.Contains(known)) normalized.Add(known);
                }
                body.Set("eventTypes", normalized);
            }
            if (body.Has("requestUrl") || creating)
            {
                var url = body.Get("requestUrl") as string;
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    throw new ArgumentException($"The request URL must be an absolute http or https URL, not '{url}'.");
            }
            if (body.Has("condition") || creating)
            {
                var condition = body.Get("condition") as ApifyBody;
                if (condition == null || !new[] { "actorId", "actorTaskId", "actorRunId" }.Any(n => condition.Get(n) is string s && s.Length > 0))
                    throw new ArgumentException("The webhook's condition must name an Actor, a task or a run.");
            }
            foreach (var name in new[] { "payloadTemplate", "headersTemplate" })
            {
                if (body.Get(name) is string template && template.Length > 0 && TemplateProblem(template) is string problem)
                    throw new ArgumentException($"The {name} is not valid: {problem}");
            }
        }

        /// <summary>Why a template is not JSON once each <c>{{variable}}</c> outside strings is a value; null when it is.</summary>
        public static string? TemplateProblem(string template)
        {
            var sb = new StringBuilder(template.Length);
            var inString = false;
            for (var i = 0; i < template.Length; i++)
            {
                var c = template[i];
                if (!inString && c == '{' && i + 1 < template.Length && template[i + 1] == '{')
                {
                    var end = template.IndexOf("}}", i + 2, StringComparison.Ordinal);
                    if (end < 0) return "a '{{' has no '}}'.";
                    sb.Append("null");
                    i = end + 1;
                    continue;
                }
                if (inString && c == '\\' && i + 1 < template.Length)
                {
                    sb.Append(c).Append(template[++i]);
                    continue;
                }
                if (c == '"') inString = !inString;
                sb.Append(c);
            }
            try
            {
                using (JsonDocument.Parse(sb.ToString())) { }
                return null;
            }
            catch (JsonException ex)
            {
                return "it is not JSON with its {{variables}} filled in (" + ex.Message + ")";
            }
        }
    }
}
