using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Kaohe.Core.Text;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;

namespace Kaohe.IO;

/// <summary>
/// Renders one result as compact JSON straight into UTF-8 bytes, byte for byte what
/// <see cref="JsonResultWriter"/> writes for it with a compact <see cref="Utf8JsonWriter"/>. Everything that
/// does not change between subjects — property names, and for each indicator of the scheme the run
/// <c>{"name":…,"section":…,"category":…,"score":</c> — is encoded once; text that needs no escaping
/// (almost every explanation) is transcoded straight into the output; text that does goes through a
/// <see cref="Utf8JsonWriter"/> with the same encoder, so escaping is never written twice.
/// </summary>
internal sealed class JsonResultRenderer
{
    private readonly FrozenDictionary<string, byte[]> _repeated;
    private readonly IndicatorHead[] _heads;
    private readonly byte[][] _statusTails;
    private static readonly SearchValues<char> Special = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    [ThreadStatic] private static EscapeWriter? t_escape;

    /// <summary>The prefix of one indicator of the scheme, up to and including <c>"score":</c>.</summary>
    private sealed record IndicatorHead(string Name, string Section, IndicatorCategory Category, byte[] Bytes);

    public JsonResultRenderer(Scheme scheme, FrozenDictionary<string, JsonEncodedText> repeated)
    {
        _repeated = repeated.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.EncodedUtf8Bytes.ToArray(), StringComparer.Ordinal);
        var heads = new List<IndicatorHead>();
        foreach (var section in scheme.Sections)
            foreach (var ind in section.Indicators)
                heads.Add(new IndicatorHead(ind.Name, section.Name, ind.Category, Head(ind.Name, section.Name, ind.Category)));
        _heads = [.. heads];
        var statuses = Enum.GetValues<IndicatorStatus>();
        _statusTails = new byte[statuses.Max(s => (int)s) + 1][];
        foreach (var s in statuses) _statusTails[(int)s] = Concat("\"status\":\"", Repeated(Words.StatusToken(s)), "\",\"explanation\":");
    }

    private byte[] Head(string name, string section, IndicatorCategory category) =>
        Concat("{\"name\":\"", Repeated(name), "\",\"section\":\"", Repeated(section), "\",\"category\":\"", Repeated(Words.Category(category)), "\",\"score\":");

    private static byte[] Concat(params object[] parts)
    {
        var bytes = new List<byte>();
        foreach (var p in parts) bytes.AddRange(p is string s ? Encoding.UTF8.GetBytes(s) : (byte[])p);
        return [.. bytes];
    }

    /// <summary>The encoded text of a name that repeats in every result (as <see cref="JsonEncodedText"/> would encode it).</summary>
    private byte[] Repeated(string s) =>
        _repeated.TryGetValue(s, out var e) ? e : JsonEncodedText.Encode(s, JsonTextEncoder.Instance).EncodedUtf8Bytes.ToArray();

    public void Render(SubjectResult r, IBufferWriter<byte> output)
    {
        var o = new Out(output);
        o.Raw("{\"subject\":"u8);
        o.String(r.Subject);
        if (r.Code is not null)
        {
            o.Raw(",\"code\":"u8);
            o.String(r.Code);
        }
        o.Raw(",\"total\":"u8);
        o.Rounded(r.Total);
        o.Raw(",\"total_exact\":"u8);
        o.Exact(r.Total);
        o.Raw(",\"grade\":"u8);
        o.String(r.Grade);
        o.Raw(",\"payout\":"u8);
        o.Number(r.Payout);
        o.Raw(",\"money\":"u8);
        o.Number(r.Money);
        o.Raw(",\"rank\":"u8);
        if (r.Rank is { } rank) o.Int(rank);
        else o.Raw("null"u8);
        o.Raw(",\"rank_amount\":"u8);
        o.Number(r.RankAmount);
        o.Raw(r.Vetoed ? ",\"vetoed\":true,\"explanation\":{\"total\":"u8 : ",\"vetoed\":false,\"explanation\":{\"total\":"u8);
        o.String(r.TotalExplanation);
        o.Raw(",\"grade\":"u8);
        o.String(r.GradeExplanation);
        o.Raw(",\"payout\":"u8);
        o.String(r.PayoutExplanation);
        o.Raw(",\"rank\":"u8);
        o.String(r.RankExplanation);
        o.Raw("},\"sections\":["u8);

        var first = true;
        foreach (var s in r.Sections)
        {
            o.Raw(first ? "{\"name\":\""u8 : ",{\"name\":\""u8);
            first = false;
            o.Raw(Repeated(s.Name));
            o.Raw("\",\"score\":"u8);
            o.Rounded(s.Score);
            o.Raw(",\"score_exact\":"u8);
            o.Exact(s.Score);
            o.Raw(",\"weight\":"u8);
            o.Number(s.Weight);
            o.Raw(",\"contribution\":"u8);
            o.Rounded(s.Contribution);
            o.Raw(",\"explanation\":"u8);
            o.String(s.Explanation);
            o.Raw("}"u8);
        }
        o.Raw("],\"indicators\":["u8);

        var k = 0;
        foreach (var i in r.Indicators)
        {
            if (k > 0) o.Raw(","u8);
            var head = k < _heads.Length ? _heads[k] : null;
            k++;
            o.Raw(head is not null && head.Name == i.Name && head.Section == i.Section && head.Category == i.Category
                ? head.Bytes
                : Head(i.Name, i.Section, i.Category));
            o.Rounded(i.Score);
            o.Raw(",\"score_exact\":"u8);
            if (i.Score is { } exact) o.Exact(exact);
            else o.Raw("null"u8);
            o.Raw(",\"max\":"u8);
            o.Rounded(i.Max);
            o.Raw(i.Unit == ScoreUnit.Yuan ? ",\"unit\":\"元\","u8 : ","u8);
            o.Raw(_statusTails[(int)i.Status]);
            o.String(i.Explanation);
            if (!i.Raters.IsEmpty)
            {
                o.Raw(",\"raters\":["u8);
                var firstRater = true;
                foreach (var rs in i.Raters)
                {
                    o.Raw(firstRater ? "{\"role\":\""u8 : ",{\"role\":\""u8);
                    firstRater = false;
                    o.Raw(Repeated(rs.Role));
                    o.Raw("\",\"weight\":"u8);
                    o.Number(rs.Weight);
                    o.Raw(",\"score\":"u8);
                    o.Rounded(rs.Score);
                    o.Raw(",\"explanation\":"u8);
                    o.String(rs.Explanation);
                    o.Raw("}"u8);
                }
                o.Raw("]"u8);
            }
            o.Raw("}"u8);
        }
        o.Raw("]}"u8);
        o.Commit();
    }

    /// <summary>A cursor over the output's current span.</summary>
    private ref struct Out(IBufferWriter<byte> output)
    {
        private const int Chunk = 16 * 1024;
        private Span<byte> _span;
        private int _pos;

        private void Ensure(int n)
        {
            if (_span.Length - _pos >= n) return;
            if (_pos > 0) output.Advance(_pos);
            _span = output.GetSpan(Math.Max(n, Chunk));
            _pos = 0;
        }

        public void Commit()
        {
            if (_pos > 0) output.Advance(_pos);
            _pos = 0;
            _span = default;
        }

        public void Raw(ReadOnlySpan<byte> bytes)
        {
            Ensure(bytes.Length);
            bytes.CopyTo(_span[_pos..]);
            _pos += bytes.Length;
        }

        public void Int(int value)
        {
            Ensure(11);
            value.TryFormat(_span[_pos..], out var n, default, System.Globalization.CultureInfo.InvariantCulture);
            _pos += n;
        }

        /// <summary>A score for display: 2 decimals, half-up.</summary>
        public void Rounded(decimal? value) => Number(value is { } v ? Fmt.Round2(v) : null);

        /// <summary>A number as it is, or null.</summary>
        public void Number(decimal? value)
        {
            if (value is not { } v)
            {
                Raw("null"u8);
                return;
            }
            Ensure(Numbers.MaxLength);
            _pos += Numbers.Utf8(v, _span[_pos..]);
        }

        /// <summary>The exact decimal as a JSON string.</summary>
        public void Exact(decimal value)
        {
            Ensure(Numbers.MaxLength + 2);
            _span[_pos++] = (byte)'"';
            _pos += Numbers.Utf8(value, _span[_pos..]);
            _span[_pos++] = (byte)'"';
        }

        /// <summary>A JSON string, or null.</summary>
        public void String(string? value)
        {
            if (value is null)
            {
                Raw("null"u8);
                return;
            }
            var chars = value.AsSpan();
            if (chars.ContainsAny(Special) || chars.ContainsAnyInRange('\uD800', '\uDFFF'))
            {
                // Rare: let the JSON writer escape it exactly as it would have.
                var escape = t_escape ??= new EscapeWriter();
                Raw(escape.Encode(value));
                return;
            }
            Ensure(chars.Length * 3 + 2);
            _span[_pos++] = (byte)'"';
            Utf8.FromUtf16(chars, _span[_pos..], out _, out var written, replaceInvalidSequences: false);
            _pos += written;
            _span[_pos++] = (byte)'"';
        }
    }

    /// <summary>A small <see cref="Utf8JsonWriter"/> with the output's encoder, for the strings that need escaping.</summary>
    private sealed class EscapeWriter
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(1024);
        private readonly Utf8JsonWriter _writer;

        public EscapeWriter() =>
            _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = false, Encoder = JsonTextEncoder.Instance, SkipValidation = true });

        public ReadOnlySpan<byte> Encode(string value)
        {
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            _writer.WriteStringValue(value);
            _writer.Flush();
            return _buffer.WrittenSpan;
        }
    }
}
