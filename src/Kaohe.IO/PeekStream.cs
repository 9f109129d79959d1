namespace Kaohe.IO;

/// <summary>A read-only stream over a non-seekable stream (standard input) whose first bytes can be looked at before reading.</summary>
internal sealed class PeekStream(Stream inner) : ReadOnlyStream(inner)
{
    private byte[] _head = [];
    private int _pos;

    /// <summary>Reads up to <paramref name="count"/> bytes ahead without consuming them.</summary>
    public ReadOnlySpan<byte> Peek(int count)
    {
        if (_head.Length - _pos < count)
        {
            var buf = new byte[count];
            var have = _head.Length - _pos;
            _head.AsSpan(_pos).CopyTo(buf);
            while (have < count)
            {
                var n = Inner.Read(buf, have, count - have);
                if (n == 0) break;
                have += n;
            }
            _head = buf[..have];
            _pos = 0;
        }
        return _head.AsSpan(_pos, Math.Min(count, _head.Length - _pos));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_pos < _head.Length)
        {
            var n = Math.Min(buffer.Length, _head.Length - _pos);
            _head.AsSpan(_pos, n).CopyTo(buffer);
            _pos += n;
            return n;
        }
        return Inner.Read(buffer);
    }
}
