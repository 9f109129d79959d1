using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using Kaohe.Core.Text;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;

namespace Kaohe.IO;

/// <summary>
/// JSON output: <c>{ "scheme", "scheme_name", "period", "results": [ … ] }</c>. Scores are JSON numbers
/// rounded for display (2 decimals, half-up) with the exact decimal beside them as a string
/// (<c>total_exact</c>, <c>score_exact</c>); money is already rounded to 0.01 元.
/// </summary>
/// <remarks>
/// Written with <see cref="Utf8JsonWriter"/> and flushed every 64 KiB, so memory does not grow with the
/// number of subjects. Compact output (files) is rendered ahead on the scoring threads, straight into UTF-8
/// by <see cref="JsonResultRenderer"/> (the same bytes this writer would write). Property names and
/// the strings that repeat in every result (indicator, section, category, status, role) are encoded once.
/// </remarks>
internal sealed class JsonResultWriter : ResultWriter
{
    private const int FlushThreshold = 1 << 16;

    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = JsonTextEncoder.Instance, SkipValidation = true };
    private static readonly JsonWriterOptions Indented = Compact with { Indented = true };

    private static readonly JsonEncodedText
        PScheme = E("scheme"), PSchemeName = E("scheme_name"), PPeriod = E("period"), PResults = E("results"),
        PSubject = E("subject"), PTotal = E("total"), PTotalExact = E("total_exact"), PGrade = E("grade"),
        PPayout = E("payout"), PMoney = E("money"), PRank = E("rank"), PRankAmount = E("rank_amount"),
        PVetoed = E("vetoed"), PExplanation = E("explanation"), PSections = E("sections"), PName = E("name"),
        PScore = E("score"), PScoreExact = E("score_exact"), PWeight = E("weight"), PContribution = E("contribution"),
        PIndicators = E("indicators"), PSection = E("section"), PCategory = E("category"), PMax = E("max"),
        PUnit = E("unit"), PStatus = E("status"), PRaters = E("raters"), PRole = E("role"), Yuan = E("元");

    private readonly Utf8JsonWriter _w;
    private readonly bool _indented;
    private readonly FrozenDictionary<string, JsonEncodedText> _repeated;
    private readonly JsonResultRenderer? _renderer;
    private bool _periodWritten;

    /// <param name="indented">Indented for people (standard output); compact for files, which are a third smaller.</param>
    public JsonResultWriter(Stream stream, Scheme scheme, bool indented) : base(scheme)
    {
        _indented = indented;
        _w = new Utf8JsonWriter(stream, indented ? Indented : Compact);
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in scheme.Sections)
        {
            words.Add(section.Name);
            foreach (var i in section.Indicators) words.Add(i.Name);
        }
        foreach (var r in scheme.Raters) words.Add(r.Name);
        foreach (var c in Enum.GetValues<IndicatorCategory>()) words.Add(Words.Category(c));
        foreach (var s in Enum.GetValues<IndicatorStatus>()) words.Add(Words.StatusToken(s));
        _repeated = words.ToFrozenDictionary(w => w, E, StringComparer.Ordinal);
        if (!indented) _renderer = new JsonResultRenderer(scheme, _repeated);
    }

    private static JsonEncodedText E(string s) => JsonEncodedText.Encode(s, JsonTextEncoder.Instance);

    public override bool RendersAhead => !_indented;

    public override void Render(SubjectInput input, SubjectResult result, IBufferWriter<byte> output) =>
        (_renderer ?? throw new NotSupportedException()).Render(result, output);

    protected override void Begin(string? period)
    {
        _w.WriteStartObject();
        _w.WriteString(PScheme, Scheme.Id);
        _w.WriteString(PSchemeName, Scheme.Name);
        if (period is not null)
        {
            _w.WriteString(PPeriod, period);
            _periodWritten = true;
        }
        _w.WriteStartArray(PResults);
    }

    protected override void WriteResult(SubjectInput input, SubjectResult result)
    {
        WriteTo(_w, result);
        if (_w.BytesPending > FlushThreshold) _w.Flush();
    }

    protected override void WriteRenderedResult(ReadOnlySpan<byte> rendered)
    {
        _w.WriteRawValue(rendered, skipInputValidation: true);
        if (_w.BytesPending > FlushThreshold) _w.Flush();
    }

    protected override void End(string? period)
    {
        _w.WriteEndArray();
        if (!_periodWritten) _w.WriteString(PPeriod, period);
        _w.WriteEndObject();
        _w.Flush();
    }

    private JsonEncodedText Repeated(string s) => _repeated.TryGetValue(s, out var e) ? e : E(s);

    private void WriteTo(Utf8JsonWriter w, SubjectResult r)
    {
        w.WriteStartObject();
        w.WriteString(PSubject, r.Subject);
        if (r.Code is not null) w.WriteString("code", r.Code);
        Rounded(w, PTotal, r.Total);
        Exact(w, PTotalExact, r.Total);
        w.WriteString(PGrade, r.Grade);
        Number(w, PPayout, r.Payout);
        Number(w, PMoney, r.Money);
        if (r.Rank is { } rank) w.WriteNumber(PRank, rank);
        else w.WriteNull(PRank);
        Number(w, PRankAmount, r.RankAmount);
        w.WriteBoolean(PVetoed, r.Vetoed);
        w.WriteStartObject(PExplanation);
        w.WriteString(PTotal, r.TotalExplanation);
        w.WriteString(PGrade, r.GradeExplanation);
        w.WriteString(PPayout, r.PayoutExplanation);
        w.WriteString(PRank, r.RankExplanation);
        w.WriteEndObject();

        w.WriteStartArray(PSections);
        foreach (var s in r.Sections)
        {
            w.WriteStartObject();
            w.WriteString(PName, Repeated(s.Name));
            Rounded(w, PScore, s.Score);
            Exact(w, PScoreExact, s.Score);
            Number(w, PWeight, s.Weight);
            Rounded(w, PContribution, s.Contribution);
            w.WriteString(PExplanation, s.Explanation);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray(PIndicators);
        foreach (var i in r.Indicators)
        {
            w.WriteStartObject();
            w.WriteString(PName, Repeated(i.Name));
            w.WriteString(PSection, Repeated(i.Section));
            w.WriteString(PCategory, Repeated(Words.Category(i.Category)));
            Rounded(w, PScore, i.Score);
            if (i.Score is { } exact) Exact(w, PScoreExact, exact);
            else w.WriteNull(PScoreExact);
            Rounded(w, PMax, i.Max);
            if (i.Unit == ScoreUnit.Yuan) w.WriteString(PUnit, Yuan);
            w.WriteString(PStatus, Repeated(Words.StatusToken(i.Status)));
            w.WriteString(PExplanation, i.Explanation);
            if (!i.Raters.IsEmpty)
            {
                w.WriteStartArray(PRaters);
                foreach (var rs in i.Raters)
                {
                    w.WriteStartObject();
                    w.WriteString(PRole, Repeated(rs.Role));
                    Number(w, PWeight, rs.Weight);
                    Rounded(w, PScore, rs.Score);
                    w.WriteString(PExplanation, rs.Explanation);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A score for display: 2 decimals, half-up.</summary>
    private static void Rounded(Utf8JsonWriter w, JsonEncodedText name, decimal? value) =>
        Number(w, name, value is { } v ? Fmt.Round2(v) : null);

    /// <summary>A number as it is (money is already rounded; weights are exact).</summary>
    private static void Number(Utf8JsonWriter w, JsonEncodedText name, decimal? value)
    {
        w.WritePropertyName(name);
        if (value is not { } v)
        {
            w.WriteNullValue();
            return;
        }
        Span<byte> buf = stackalloc byte[Numbers.MaxLength];
        w.WriteRawValue(buf[..Numbers.Utf8(v, buf)], skipInputValidation: true);
    }

    /// <summary>The exact decimal as a string.</summary>
    private static void Exact(Utf8JsonWriter w, JsonEncodedText name, decimal value)
    {
        Span<byte> buf = stackalloc byte[Numbers.MaxLength];
        w.WriteString(name, buf[..Numbers.Utf8(value, buf)]);
    }

    public override void Dispose() => _w.Dispose();
}
