using System.Management.Automation;

namespace ApifyPS.Cmdlets
{
    /// <summary>
    /// The one mapping of ApifyPS failures to PowerShell error records: the error type becomes the FullyQualifiedErrorId,
    /// the exception's type (and for an API answer its HTTP status) the ErrorCategory, the object the failure is about the
    /// target. Commands for the user (how to connect, what to check after a start whose outcome is unknown) are rendered
    /// here, from the core's data.
    /// </summary>
    internal static class ApifyErrorRecords
    {
        public static ErrorRecord For(ApifyException ex, object? target)
        {
            switch (ex)
            {
                case ApifyJobException job:
                    return new ErrorRecord(job, job.ErrorId, CategoryOf(job), target ?? job.Job);
                case ApifyOutFileException file:
                    return new ErrorRecord(file, "OutFileNotWritten", ErrorCategory.WriteError, target ?? file.Path);
            }
            var record = new ErrorRecord(ex, ex.ErrorType, CategoryOf(ex), target ?? ex.TargetId);
            if (ex.ErrorType == ApifyErrorTypes.NotConnected)
                record.ErrorDetails = new ErrorDetails(ex.Message)
                {
                    RecommendedAction = "Run Connect-Apify (once per user account: it stores the token), or set $env:APIFY_TOKEN to your Apify API token.",
                };
            else if (ex is ApifyApiException api && api.OutcomeCheck != null)
            {
                var command = OutcomeCheckCommand.Render(api.OutcomeCheck);
                var described = "Check " + api.OutcomeCheck.Describe();
                record.ErrorDetails = new ErrorDetails(ex.Message.Replace(described, "Check with " + command))
                {
                    RecommendedAction = api.OutcomeCheck.IsJob
                        ? $"Check with {command} whether the job was created before starting it again."
                        : $"Check with {command} whether the request took effect before sending it again.",
                };
            }
            else if (ex is ApifyApiException large && large.OversizedBody != null)
                record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = InsteadOfMemory(large.OversizedBody.Value, large.TargetId) };
            else if (ex.ErrorType == ApifyErrorTypes.RedirectNotFollowed)
                record.ErrorDetails = new ErrorDetails(ex.Message)
                {
                    RecommendedAction = $"Check the base URI (Connect-Apify -BaseUri, $env:{ConnectionResolver.BaseUrlVariable}): something between you and " +
                                        "the API answers with redirects. If you trust where it points, use that address as the base URI.",
                };
            else if (ex.ErrorType == ApifyErrorTypes.RunTimeoutExceeded && ex.TargetId != null)
                record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = $"Follow the run with Wait-ApifyRun -Id {ex.TargetId}." };
            else if (ex.RecommendedAction != null)
                record.ErrorDetails = new ErrorDetails(ex.Message) { RecommendedAction = ex.RecommendedAction };
            return record;
        }

        /// <summary>What to do with an answer too large to read into memory, by what it was.</summary>
        private static string InsteadOfMemory(ApifyBodyKind kind, string? target)
        {
            switch (kind)
            {
                case ApifyBodyKind.ListPage:
                case ApifyBodyKind.DatasetItemsPage:
                    return "Ask for fewer items per page with -PageSize.";
                case ApifyBodyKind.Record:
                    return "Write it to a file with Get-ApifyRecord -OutFile, which streams it to disk.";
                case ApifyBodyKind.RunOutput:
                    return $"The run finished: write its record to a file with Get-ApifyRun -Actor '{target}' -Descending -First 1 | " +
                           "Get-ApifyRecord -Key OUTPUT -OutFile <path> (or the -OutputRecordKey you asked for).";
                default:
                    return "The answer is larger than ApifyPS reads into memory; ask for less of it.";
            }
        }

        /// <summary>The category by the kind of failure: connections and paths by their type, answers by their status.</summary>
        public static ErrorCategory CategoryOf(ApifyException ex)
        {
            switch (ex)
            {
                case ApifyPathException _:
                    return ErrorCategory.InvalidArgument;
                case ApifyOutFileException _:
                    return ErrorCategory.WriteError;
                case ApifyJobException job:
                    return CategoryOf(job);
                case ApifyConnectionException _:
                    switch (ex.ErrorType)
                    {
                        case ApifyErrorTypes.NotConnected: return ErrorCategory.AuthenticationError;
                        case ApifyErrorTypes.CredentialUnreadable: return ErrorCategory.InvalidData;
                        case ApifyErrorTypes.ProfileNotFound: return ErrorCategory.ObjectNotFound;
                        case ApifyErrorTypes.SecretVaultUnavailable: return ErrorCategory.ResourceUnavailable;
                        case ApifyErrorTypes.CredentialNotSaved: return ErrorCategory.WriteError;
                        case ApifyErrorTypes.UnencryptedAuthentication: return ErrorCategory.SecurityError;
                        default: return ErrorCategory.InvalidArgument;
                    }
                case ApifyApiException api:
                    return CategoryOf(api);
                default:
                    return ErrorCategory.NotSpecified;
            }
        }

        private static ErrorCategory CategoryOf(ApifyApiException ex)
        {
            switch (ex.ErrorType)
            {
                case ApifyErrorTypes.RequestTimeout: return ErrorCategory.OperationTimeout;
                case ApifyErrorTypes.InvalidResponse: return ErrorCategory.InvalidResult;
                case ApifyErrorTypes.RedirectNotFollowed: return ErrorCategory.ProtocolError;
            }
            if (ex.StatusCode == null) return ErrorCategory.ConnectionError;
            var code = (int)ex.StatusCode.Value;
            switch (code)
            {
                case 400: return ErrorCategory.InvalidArgument;
                case 401: return ErrorCategory.AuthenticationError;
                case 402:
                case 403: return ErrorCategory.PermissionDenied;
                case 404: return ErrorCategory.ObjectNotFound;
                case 408: return ErrorCategory.OperationTimeout;
                case 409: return ErrorCategory.ResourceExists;
                case 429: return ErrorCategory.LimitsExceeded;
            }
            return code >= 500 ? ErrorCategory.ConnectionError : ErrorCategory.InvalidOperation;
        }

        private static ErrorCategory CategoryOf(ApifyJobException error) =>
            error.GaveUp ? ErrorCategory.OperationTimeout
            : error.Job.Status == ApifyJobStatus.TimedOut ? ErrorCategory.OperationTimeout
            : error.Job.Status == ApifyJobStatus.Aborted ? ErrorCategory.OperationStopped
            : ErrorCategory.InvalidResult;

        /// <summary>The error for an ApifyPS object a cmdlet cannot use as -InputObject: non-terminating, nothing is sent.</summary>
        public static ErrorRecord UnsupportedInput(string cmdlet, ApifyResource input, string accepted) =>
            new ErrorRecord(
                new System.ArgumentException($"{cmdlet} does not take {input.GetType().Name} objects; pass {accepted}."),
                "UnsupportedInputObject", ErrorCategory.InvalidArgument, input);
    }
}
