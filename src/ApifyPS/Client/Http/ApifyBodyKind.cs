namespace ApifyPS.Client
{
    /// <summary>What an answer read into memory is, when it is too large (<see cref="ApifyApiException.OversizedBody"/>): the cmdlet layer says what to do instead.</summary>
    public enum ApifyBodyKind
    {
        /// <summary>A JSON answer (an object in the <c>data</c> envelope).</summary>
        JsonAnswer,
        /// <summary>One page of a list: fewer items per page help.</summary>
        ListPage,
        /// <summary>One page of dataset items: fewer items per page help.</summary>
        DatasetItemsPage,
        /// <summary>A key-value store record: a file takes it streamed.</summary>
        Record,
        /// <summary>A synchronous run's output record: the run finished; its record can go to a file.</summary>
        RunOutput,
    }
}
