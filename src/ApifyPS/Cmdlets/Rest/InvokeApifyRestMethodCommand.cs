using System.Collections;
using System.IO;
using System.Management.Automation;
using System.Text;
using System.Text.Json;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Invoke-ApifyRestMethod: any endpoint of the API with the module's connection (-Profile too), pacing, retries (a
    /// POST whose outcome is unknown is never repeated; PUT and DELETE are), error records and paging (-All). The
    /// <c>data</c> envelope is unwrapped into PowerShell objects; -Raw gives the body as text or bytes; -OutFile streams
    /// it to a file. Bad input (a path outside /v2, a URL to another host, a body with GET) is refused before anything
    /// is sent.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ApifyRestMethod", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(PSObject))]
    public sealed class InvokeApifyRestMethodCommand : ApifyCmdlet
    {
        private ApifyRestRequest? _request;

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter]
        [ValidateSet("GET", "POST", "PUT", "DELETE", "HEAD", IgnoreCase = true)]
        public string Method { get; set; } = "GET";

        [Parameter]
        public IDictionary? Query { get; set; }

        [Parameter]
        [AllowNull]
        public object? Body { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? InFile { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ContentType { get; set; }

        [Parameter]
        public SwitchParameter All { get; set; }

        [Parameter]
        public SwitchParameter Raw { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ResponseHeadersVariable { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StatusCodeVariable { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            // Every refusal here, before anything is sent, names its parameter.
            var bound = MyInvocation.BoundParameters;
            if (bound.ContainsKey(nameof(Body)) && InFile != null) Refuse("Body", "-Body and -InFile both give the body: use one.");
            if (All && (Raw || OutFile != null)) Refuse("All", "-All writes a list's items as objects: it does not go with -Raw or -OutFile.");
            if (NoClobber && OutFile == null) Refuse("NoClobber", "-NoClobber is about the -OutFile: give one.");
            string? file = null;
            if (InFile != null)
            {
                file = GetUnresolvedProviderPathFromPSPath(InFile);
                if (!File.Exists(file)) Refuse("InFile", $"-InFile: the file {file} does not exist; nothing was sent.");
            }
            byte[]? body = null;
            var contentType = ContentType;
            if (bound.ContainsKey(nameof(Body)))
            {
                var value = Body is PSObject pso && !(pso.BaseObject is PSCustomObject) ? pso.BaseObject : Body;
                switch (value)
                {
                    case byte[] bytes:
                        body = bytes;
                        contentType ??= "application/octet-stream";
                        break;
                    case string text:
                        body = new UTF8Encoding(false).GetBytes(text);
                        contentType ??= "application/json; charset=utf-8";
                        break;
                    default:
                        try
                        {
                            body = PSJson.ToUtf8(value);
                        }
                        catch (Exception ex) when (ex is InvalidOperationException || ex is ArgumentException || ex is JsonException || ex is NotSupportedException)
                        {
                            Refuse("Body", $"-Body cannot be written as JSON: {ex.Message}");
                        }
                        contentType ??= "application/json; charset=utf-8";
                        break;
                }
            }
            var query = new List<KeyValuePair<string, string>>();
            if (Query != null)
                foreach (DictionaryEntry entry in Query)
                    foreach (var v in QueryValues(entry.Value))
                        query.Add(new KeyValuePair<string, string>(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? "", v));
            try
            {
                _request = ApifyRestRequest.Create(Method, Path, query, Client.Connection.BaseUri, body, file, contentType);
            }
            catch (ArgumentException ex)
            {
                Refuse(ex.ParamName ?? "Path", StripParamName(ex));
            }
            if (All && _request!.Method != HttpMethod.Get) Refuse("All", $"-All walks a list, which is read with GET, not {_request.Method.Method}.");
        }

        protected override void ProcessRecord()
        {
            var request = _request!;
            var shown = request.Path.Value + request.QueryWithout();
            if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head &&
                !ShouldProcess($"{request.Method.Method} {shown}", "Send")) return;
            if (All)
            {
                var reader = new PSJsonReader();
                WriteStream(token => Client.Rest.WalkAsync<object?>(request, reader.Read, token), shown);
                return;
            }
            ApifyRestResponse? answer = null;
            try
            {
                answer = OutFile != null
                    ? Await(Client.Rest.SaveAsync(request, GetUnresolvedProviderPathFromPSPath(OutFile), NoClobber, CancellationToken))
                    : Await(Client.Rest.SendAsync(request, CancellationToken));
            }
            catch (ApifyException ex)
            {
                if (ex is ApifyApiException api && api.StatusCode.HasValue) SetVariable(StatusCodeVariable, (int)api.StatusCode.Value);
                WriteApifyError(ex, shown);
                return;
            }
            SetVariable(StatusCodeVariable, answer.StatusCode);
            SetVariable(ResponseHeadersVariable, new Dictionary<string, string[]>(answer.Headers.ToDictionary(h => h.Key, h => h.Value), StringComparer.OrdinalIgnoreCase));
            if (answer.SavedTo != null)
            {
                WriteVerbose($"Wrote the answer ({answer.ContentType ?? "no Content-Type"}, {answer.Length} bytes) to {answer.SavedTo}.");
                return;
            }
            if (answer.Body.Length == 0) return;
            if (Raw)
            {
                WriteObject(ContentTypes.IsText(answer.ContentType) || answer.ContentType == null
                    ? ContentTypes.Decode(answer.Body, answer.ContentType)
                    : (object)answer.Body);
                return;
            }
            if (answer.IsJson)
            {
                var reader = new Utf8JsonReader(answer.Json.Span, new JsonReaderOptions { MaxDepth = 256 });
                reader.Read();
                WriteObject(new PSJsonReader().Read(ref reader), enumerateCollection: true);
                return;
            }
            WriteObject(ContentTypes.IsText(answer.ContentType) ? ContentTypes.Decode(answer.Body, answer.ContentType) : (object)answer.Body);
        }

        private void SetVariable(string? name, object value)
        {
            if (name == null) return;
            SessionState.PSVariable.Set(name.TrimStart('$'), value);
        }

        private static IEnumerable<string> QueryValues(object? value)
        {
            var item = value is PSObject pso ? pso.BaseObject : value;
            switch (item)
            {
                case null: yield break;
                case string s: yield return s; break;
                case bool b: yield return b ? "true" : "false"; break;
                case SwitchParameter sw: yield return sw.IsPresent ? "true" : "false"; break;
                case DateTime dt: yield return ApifyQuery.ToApiTime(dt); break;
                case IEnumerable list:
                    foreach (var element in list)
                        foreach (var v in QueryValues(element)) yield return v;
                    break;
                default:
                    yield return Convert.ToString(item, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                    break;
            }
        }

        private static string StripParamName(ArgumentException ex)
        {
            var message = ex.Message;
            var at = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
            if (at < 0) at = message.IndexOf(Environment.NewLine + "Parameter name:", StringComparison.Ordinal);
            return at >= 0 ? message.Substring(0, at) : message;
        }

        private void Refuse(string parameter, string message)
        {
            var text = message.StartsWith("-", StringComparison.Ordinal) ? message : $"-{parameter}: {message}";
            var record = new ErrorRecord(new ArgumentException(text), "InvalidRestRequest", ErrorCategory.InvalidArgument, parameter);
            record.ErrorDetails = new ErrorDetails(text);
            ThrowTerminatingError(record);
        }
    }
}
