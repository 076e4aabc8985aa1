namespace ApifyPS.Client
{
    /// <summary>
    /// Dataset items gathered into one push (<c>POST {dataset}/items</c>): their JSON, joined into one array, never
    /// more than <see cref="MaxBytes"/> bytes in all, so a push stays under the API's payload limit (5 MB) however
    /// many items a pipeline brings. Only the batch being filled is held, in one buffer that is sent as it is and
    /// reused for the next batch: no copy of up to 5 MB per push, and no buffer doubling its way up. The buffer starts
    /// at 64 KiB, enough for small pushes, and once a batch outgrows it is grown once to the whole
    /// <see cref="MaxBytes"/>.
    /// </summary>
    public sealed class DatasetItemBatch
    {
        /// <summary>Under the API's 5 MB whether that is read as 5,000,000 or 5,242,880 bytes.</summary>
        public const int DefaultMaxBytes = 5_000_000;

        private const int InitialBytes = 64 * 1024;

        private byte[] _buffer;
        private int _length;

        public DatasetItemBatch(int maxBytes = DefaultMaxBytes)
        {
            if (maxBytes < 16) throw new ArgumentOutOfRangeException(nameof(maxBytes), "A batch needs room for at least one small item.");
            MaxBytes = maxBytes;
            _buffer = new byte[Math.Min(InitialBytes, maxBytes)];
        }

        public int MaxBytes { get; }

        /// <summary>Items in the batch.</summary>
        public int Count { get; private set; }

        /// <summary>The body's size once closed: the items, the commas and the brackets.</summary>
        public long Bytes => Count == 0 ? 2 : _length + 1;

        /// <summary>Whether an item of <paramref name="itemBytes"/> bytes can ever be pushed (alone in a batch).</summary>
        public bool CanHold(int itemBytes) => itemBytes + 2 <= MaxBytes;

        /// <summary>Whether the item fits in this batch as it is (otherwise push the batch first).</summary>
        public bool Fits(int itemBytes) => Count == 0 ? CanHold(itemBytes) : (long)_length + 1 + itemBytes + 1 <= MaxBytes;

        /// <summary>Adds an item's JSON (one value); the caller checked <see cref="Fits"/>.</summary>
        public void Add(byte[] itemJson)
        {
            if (itemJson == null) throw new ArgumentNullException(nameof(itemJson));
            Add(new ArraySegment<byte>(itemJson));
        }

        /// <summary>Adds an item's JSON from a part of a buffer (copied: the buffer may be reused at once).</summary>
        public void Add(ArraySegment<byte> itemJson)
        {
            if (itemJson.Array == null) throw new ArgumentNullException(nameof(itemJson));
            if (!Fits(itemJson.Count)) throw new InvalidOperationException("The item does not fit in this batch: push the batch first.");
            EnsureRoom(_length + 1 + itemJson.Count + 1);
            _buffer[_length++] = Count == 0 ? (byte)'[' : (byte)',';
            Buffer.BlockCopy(itemJson.Array, itemJson.Offset, _buffer, _length, itemJson.Count);
            _length += itemJson.Count;
            Count++;
        }

        /// <summary>
        /// The batch as one JSON array, in the batch's own buffer: valid until <see cref="Clear"/> or the next
        /// <see cref="Add(ArraySegment{byte})"/>, so send it before gathering more.
        /// </summary>
        public ArraySegment<byte> Body()
        {
            if (Count == 0) return new ArraySegment<byte>(new[] { (byte)'[', (byte)']' });
            _buffer[_length] = (byte)']';
            return new ArraySegment<byte>(_buffer, 0, _length + 1);
        }

        /// <summary>Empties the batch (its buffer is kept for the next one).</summary>
        public void Clear()
        {
            _length = 0;
            Count = 0;
        }

        /// <summary>The batch as one JSON array in a new array, and the batch emptied.</summary>
        public byte[] Take()
        {
            var body = Body();
            var copy = new byte[body.Count];
            Buffer.BlockCopy(body.Array!, body.Offset, copy, 0, body.Count);
            Clear();
            return copy;
        }

        /// <summary>Room for <paramref name="bytes"/> (the caller counted the closing bracket; never more than MaxBytes).</summary>
        private void EnsureRoom(int bytes)
        {
            if (bytes <= _buffer.Length) return;
            var grown = new byte[MaxBytes];
            Buffer.BlockCopy(_buffer, 0, grown, 0, _length);
            _buffer = grown;
        }
    }
}
