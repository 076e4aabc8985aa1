namespace ApifyPS.Client
{
    /// <summary>
    /// No usable connection, found before any request: no token anywhere (<see cref="ApifyErrorTypes.NotConnected"/>),
    /// a stored profile or login file that cannot be read or is missing, a vault that is not there, a credential that
    /// could not be stored, or plain http to another machine without the user's say-so.
    /// </summary>
    public sealed class ApifyConnectionException : ApifyException
    {
        public ApifyConnectionException(string errorType, string message, System.Exception? inner = null)
            : base(errorType, message, inner)
        {
        }
    }
}
