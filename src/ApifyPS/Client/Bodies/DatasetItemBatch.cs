using System.IO;

namespace ApifyPS.Client
{
    /// <summary>
    /// Dataset items gathered into one push (<c>POST {dataset}/items</c>): their JSON, joined into one array, never
    /// more than <see cref="MaxBytes"/> bytes in all, so a push stays under the API's payload limit (5 MB) however
    /// many items a pipeline brings. Only the batch being filled is held; <see cref="Take"/> empties it.
    /// </summary>
    public sealed class DatasetItemBatch
    {
        /// <summary>Under the API's 5 MB whether that is read as 5,000,000 or 5,242,880 bytes.</summary>
        public const int DefaultMaxBytes = 5_000_000;

        private readonly MemoryStream _buffer = new MemoryStream(64 * 1024);

        public DatasetItemBatch(int maxBytes = DefaultMaxBytes)
        {
            if (maxBytes < 16) throw new ArgumentOutOfRangeException(nameof(maxBytes), "A batch needs room for at least one small item.");
            MaxBytes = maxBytes;
        }

        public int MaxBytes { get; }

        /// <summary>Items in the batch.</summary>
        public int Count { get; private set; }

        /// <summary>The body's size once closed: the items, the commas and the brackets.</summary>
        public long Bytes => Count == 0 ? 2 : _buffer.Length + 1;

        /// <summary>Whether an item of <paramref name="itemBytes"/> bytes can ever be pushed (alone in a batch).</summary>
        public bool CanHold(int itemBytes) => itemBytes + 2 <= MaxBytes;

        /// <summary>Whether the item fits in this batch as it is (otherwise push the batch first).</summary>
        public bool Fits(int itemBytes) => Count == 0 ? CanHold(itemBytes) : _buffer.Length + 1 + itemBytes + 1 <= MaxBytes;

        /// <summary>Adds an item's JSON (one value); the caller checked <see cref="Fits"/>.</summary>
        public void Add(byte[] itemJson)
        {
            if (itemJson == null) throw new ArgumentNullException(nameof(itemJson));
            if (!Fits(itemJson.Length)) throw new InvalidOperationException("The item does not fit in this batch: push the batch first.");
            _buffer.WriteByte(Count == 0 ? (byte)'[' : (byte)',');
            _buffer.Write(itemJson, 0, itemJson.Length);
            Count++;
        }

        /// <summary>The batch as one JSON array, and the batch emptied.</summary>
        public byte[] Take()
        {
            if (Count == 0) return new[] { (byte)'[', (byte)']' };
            _buffer.WriteByte((byte)']');
            var body = _buffer.ToArray();
            _buffer.SetLength(0);
            Count = 0;
            return body;
        }
    }
}
