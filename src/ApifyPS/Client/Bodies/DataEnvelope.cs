namespace ApifyPS.Client
{
    /// <summary>The API's <c>{"data": ...}</c> envelope.</summary>
    public sealed class DataEnvelope<T>
    {
        public T? Data { get; set; }
    }
}
