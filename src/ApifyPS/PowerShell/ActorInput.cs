using System.Collections;
using System.IO;
using System.Management.Automation;
using System.Net.Http.Headers;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// Turns -Input / -InputFile / -ContentType (and -Webhook) into what the API takes, before any request: objects
    /// become JSON, a string is sent as given, bytes and files as they are. Bad combinations are terminating
    /// parameter errors.
    /// </summary>
    internal static class ActorInput
    {
        /// <summary>The input to send, or null when neither -Input nor -InputFile was given.</summary>
        public static ApifyInput? From(PSCmdlet cmdlet, object? input, bool inputGiven, string? inputFile, string? contentType)
        {
            if (inputGiven && inputFile != null)
                Fail(cmdlet, "Use -Input or -InputFile, not both.", "InputAndInputFile");
            if (contentType != null && !MediaTypeHeaderValue.TryParse(contentType, out _))
                Fail(cmdlet, $"-ContentType '{contentType}' is not a valid content type (e.g. application/json, text/plain; charset=utf-8).", "InvalidContentType");
            if (inputFile != null)
            {
                string path;
                try
                {
                    path = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(inputFile, out var provider).Single();
                    if (provider.Name != "FileSystem") throw new ItemNotFoundException();
                }
                catch (Exception ex) when (ex is ItemNotFoundException || ex is InvalidOperationException || ex is System.Management.Automation.DriveNotFoundException || ex is ProviderNotFoundException)
                {
                    Fail(cmdlet, $"-InputFile '{inputFile}' is not an existing file.", "InputFileNotFound", ErrorCategory.ObjectNotFound);
                    throw; // not reached
                }
                if (!File.Exists(path)) Fail(cmdlet, $"-InputFile '{inputFile}' is not an existing file.", "InputFileNotFound", ErrorCategory.ObjectNotFound);
                return new ApifyInput(File.ReadAllBytes(path), contentType ?? ContentTypes.ForFile(path));
            }
            if (!inputGiven)
            {
                if (contentType != null) Fail(cmdlet, "-ContentType describes -Input or -InputFile; give one of them.", "ContentTypeWithoutInput");
                return null;
            }
            var value = input is PSObject pso && !(pso.BaseObject is PSCustomObject) ? pso.BaseObject : input;
            switch (value)
            {
                case string text:
                    return ApifyInput.FromText(text, contentType);
                case byte[] bytes:
                    return new ApifyInput(bytes, contentType ?? "application/octet-stream");
                default:
                    if (contentType != null && !ContentTypes.IsJson(contentType))
                        Fail(cmdlet, $"An object is sent as JSON, not as {contentType}; pass a string or -InputFile for other content types.", "ObjectInputNotJson");
                    try
                    {
                        return new ApifyInput(PSJson.ToUtf8(input), contentType ?? ApifyInput.JsonContentType);
                    }
                    catch (ArgumentException ex)
                    {
                        Fail(cmdlet, "-Input cannot be written as JSON: " + ex.Message, "InputNotSerializable");
                        throw; // not reached
                    }
            }
        }

        /// <summary>-Webhook hashtables as the JSON array the API takes; each needs eventTypes and requestUrl.</summary>
        public static string? Webhooks(PSCmdlet cmdlet, Hashtable[]? webhooks)
        {
            if (webhooks == null || webhooks.Length == 0) return null;
            foreach (var hook in webhooks)
            {
                var keys = hook.Keys.Cast<object>().Select(k => k?.ToString() ?? "").ToList();
                bool Has(string name) => keys.Any(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
                if (!Has("eventTypes") || !Has("requestUrl"))
                    Fail(cmdlet, "Each -Webhook needs eventTypes (e.g. @('ACTOR.RUN.FAILED')) and requestUrl (the URL to call).", "InvalidWebhook");
            }
            return PSJson.ToText(webhooks);
        }

        private static void Fail(PSCmdlet cmdlet, string message, string errorId, ErrorCategory category = ErrorCategory.InvalidArgument) =>
            cmdlet.ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), errorId, category, null));
    }
}
