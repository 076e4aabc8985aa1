using System.Text;

namespace ApifyPS.Client
{
    /// <summary>
    /// Follows a job's log in the background while something else (the wait loop) runs; stopped when disposed. A log
    /// that cannot be read does not fail the wait: the reason goes to the verbose stream.
    /// </summary>
    internal sealed class LogFollower : IDisposable
    {
        private readonly CancellationTokenSource _cancellation;
        private readonly Task _reading;

        public LogFollower(ApifyClient client, string kind, string id, Action<string> onLine, Action<string> onProblem, CancellationToken cancellationToken)
        {
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _reading = FollowAsync(client, kind, id, onLine, onProblem, _cancellation.Token);
        }

        private static async Task FollowAsync(ApifyClient client, string kind, string id, Action<string> onLine, Action<string> onProblem,
            CancellationToken token)
        {
            try
            {
                await Task.Yield();
                await client.Logs.ReadAsync(kind, id, follow: true, onLine, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
            }
            catch (ApifyApiException ex) when (!token.IsCancellationRequested)
            {
                onProblem($"The log of {kind} {id} could not be followed: {ex.Message}");
            }
            catch (Exception) when (token.IsCancellationRequested)
            {
            }
        }

        /// <summary>Waits until the log has ended (the server ends it with the job), at most <paramref name="timeout"/>.</summary>
        public Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
            Task.WhenAny(_reading, Task.Delay(timeout, cancellationToken));

        public void Dispose()
        {
            _cancellation.Cancel();
            _cancellation.Dispose();
        }
    }
}
