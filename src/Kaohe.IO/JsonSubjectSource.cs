using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;

namespace Kaohe.IO;

/// <summary>
/// Reads the JSON input of <c>kaohe score</c> (<c>{ "period": …, "subjects": [ { "name", "inputs", "raters", "奖金基数" } ] }</c>)
/// one subject at a time from a growing buffer, so a large file never becomes one document in memory.
/// </summary>
internal sealed class JsonSubjectSource(Stream stream, Problems problems, Scheme? scheme = null) : SubjectSource(problems)
{
    // An alias of an indicator (scheme YAML aliases:) is read as the indicator's name.
    private readonly Dictionary<string, string> _aliases = scheme is null ? [] : scheme.Indicators
        .SelectMany(i => i.Aliases.Select(a => (a, i.Name))).Where(x => !scheme.Indicators.Any(i => i.Name == x.a))
        .GroupBy(x => x.a).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);

    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private byte[] _buf = new byte[1 << 16];
    private int _start, _end;
    private bool _eof, _started, _sawSubjects;
    private JsonReaderState _state = new(Options);
    private Stage _stage = Stage.Root;
    private int _index;

    private enum Stage { Root, InRoot, InSubjects, AfterRoot, Done }

    private enum Outcome { Subject, NeedMore, Finished }

    /// <inheritdoc />
    public override IEnumerable<SubjectInput> ReadSubjects(CancellationToken cancel = default)
    {
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            SubjectInput? subject;
            Outcome outcome;
            try
            {
                outcome = Advance(out subject);
            }
            catch (JsonException e)
            {
                Problems.Add(Describe(e));
                yield break;
            }
            catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException || e.Message.Contains("UTF-8", StringComparison.Ordinal))
            {
                Problems.Add("JSON 文件不是有效的 UTF-8 编码：请以 UTF-8 保存");
                yield break;
            }
            if (outcome == Outcome.Finished) yield break;
            if (subject is not null) yield return subject;
        }
    }

    /// <inheritdoc />
    public override void Dispose() => stream.Dispose();

    private Outcome Advance(out SubjectInput? subject)
    {
        if (!_started)
        {
            _started = true;
            while (_end < 3 && !_eof) Refill();
            if (_end >= 3 && _buf[0] == 0xEF && _buf[1] == 0xBB && _buf[2] == 0xBF) _start = 3;
        }
        while (true)
        {
            var reader = new Utf8JsonReader(_buf.AsSpan(_start, _end - _start), _eof, _state);
            var outcome = Step(ref reader, out subject, out var consumed, out var state);
            _start += (int)consumed;
            _state = state;
            if (outcome != Outcome.NeedMore) return outcome;
            if (_eof) throw new JsonException("JSON 内容不完整", null, null, null);
            Refill();
        }
    }

    private void Refill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buf, _start, _buf, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buf.Length) Array.Resize(ref _buf, _buf.Length * 2);
        var n = stream.Read(_buf, _end, _buf.Length - _end);
        if (n == 0) _eof = true;
        else _end += n;
    }

    // Each pass of the loop either completes one step of the state machine or returns NeedMore with the
    // restore point taken at its beginning, so no step has side effects before its data is complete.
    private Outcome Step(ref Utf8JsonReader r, out SubjectInput? subject, out long consumed, out JsonReaderState state)
    {
        subject = null;
        while (true)
        {
            consumed = r.BytesConsumed;
            state = r.CurrentState;
            switch (_stage)
            {
                case Stage.Root:
                    if (!r.Read()) return Outcome.NeedMore;
                    if (r.TokenType != JsonTokenType.StartObject)
                        throw new InputException("JSON 输入的顶层应为对象：{ \"period\": …, \"subjects\": [ { \"name\": …, \"inputs\": { … } } ] }");
                    _stage = Stage.InRoot;
                    break;

                case Stage.InRoot:
                {
                    if (!r.Read()) return Outcome.NeedMore;
                    if (r.TokenType == JsonTokenType.EndObject)
                    {
                        _stage = Stage.AfterRoot;
                        if (!_sawSubjects) Problems.Add("JSON 输入缺少 subjects 数组");
                        break;
                    }
                    var name = r.GetString() ?? "";
                    if (!r.Read()) return Outcome.NeedMore;
                    if (name == "subjects" && r.TokenType == JsonTokenType.StartArray)
                    {
                        _sawSubjects = true;
                        _stage = Stage.InSubjects;
                        break;
                    }
                    var token = r.TokenType;
                    var text = token is JsonTokenType.String ? r.GetString() : token is JsonTokenType.Number ? Encoding.UTF8.GetString(r.ValueSpan) : null;
                    if (!r.TrySkip()) return Outcome.NeedMore;
                    switch (name)
                    {
                        case "subjects":
                            _sawSubjects = true;
                            Problems.Add("JSON 输入的 subjects 应为数组");
                            break;
                        case "period" or "期间":
                            if (text is null && token != JsonTokenType.Null) Problems.Add("JSON 输入的 period 应为文本，例如 \"2026-10\"");
                            Period = text;
                            break;
                        case "scheme" or "方案":
                            break;
                        default:
                            Problems.Add($"JSON 输入中有未知的顶层字段“{name}”（可用：period、subjects）");
                            break;
                    }
                    break;
                }

                case Stage.InSubjects:
                    if (!r.Read()) return Outcome.NeedMore;
                    if (r.TokenType == JsonTokenType.EndArray)
                    {
                        _stage = Stage.InRoot;
                        break;
                    }
                    if (r.TokenType == JsonTokenType.StartObject)
                    {
                        if (!JsonDocument.TryParseValue(ref r, out var doc)) return Outcome.NeedMore;
                        using (doc) subject = BuildSubject(doc.RootElement, _index++);
                        consumed = r.BytesConsumed;
                        state = r.CurrentState;
                        if (subject is null) break;
                        return Outcome.Subject;
                    }
                    if (!r.TrySkip()) return Outcome.NeedMore;
                    Problems.Add($"subjects[{_index++}]：每个对象应为 {{ \"name\": …, \"inputs\": {{ … }} }}");
                    break;

                case Stage.AfterRoot:
                    if (r.Read()) break;
                    if (!_eof) return Outcome.NeedMore;
                    _stage = Stage.Done;
                    return Outcome.Finished;

                default:
                    return Outcome.Finished;
            }
        }
    }

    private SubjectInput? BuildSubject(JsonElement e, int index)
    {
        var location = $"subjects[{index}]";
        string? name = null;
        string? code = null;
        var inputs = ImmutableDictionary.CreateBuilder<string, RawInput>();
        var raters = ImmutableDictionary.CreateBuilder<string, ImmutableDictionary<string, RawInput>>();
        var extra = ImmutableDictionary.CreateBuilder<string, RawInput>();
        foreach (var p in e.EnumerateObject())
        {
            switch (p.Name)
            {
                case "name" or "对象" or "subject":
                    name = p.Value.ValueKind switch
                    {
                        JsonValueKind.String => p.Value.GetString()!.Trim(),
                        JsonValueKind.Number => p.Value.GetRawText(),
                        _ => null,
                    };
                    break;
                case "code" or "工号" or "编码":
                    code = p.Value.ValueKind switch
                    {
                        JsonValueKind.String => p.Value.GetString()!.Trim(),
                        JsonValueKind.Number => p.Value.GetRawText(),
                        _ => null,
                    };
                    if (code?.Length == 0) code = null;
                    break;
                case "inputs" or "输入":
                    if (p.Value.ValueKind == JsonValueKind.Object) AddFields(inputs, p.Value, location);
                    else if (p.Value.ValueKind != JsonValueKind.Null) Problems.Add($"{location}：inputs 应为对象 {{ \"指标名\": 值 }}");
                    break;
                case "raters" or "评分人":
                    if (p.Value.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var role in p.Value.EnumerateObject())
                        {
                            if (role.Value.ValueKind != JsonValueKind.Object)
                            {
                                Problems.Add($"{location}：raters.{role.Name} 应为对象 {{ \"指标名\": 值 }}");
                                continue;
                            }
                            var byRole = ImmutableDictionary.CreateBuilder<string, RawInput>();
                            AddFields(byRole, role.Value, location);
                            raters[role.Name] = byRole.ToImmutable();
                        }
                    }
                    else if (p.Value.ValueKind != JsonValueKind.Null) Problems.Add($"{location}：raters 应为对象 {{ \"角色\": {{ \"指标名\": 值 }} }}");
                    break;
                default:
                    if (RawInputJson.Read(p.Value) is { } v) extra[p.Name] = v;
                    break;
            }
        }
        if (string.IsNullOrEmpty(name)) name = code;
        if (string.IsNullOrEmpty(name))
        {
            Problems.Add($"{location}：缺少对象名称（name）");
            return null;
        }
        return new SubjectInput(name, inputs.ToImmutable(), raters.ToImmutable(), extra.ToImmutable(), location, code);
    }

    private void AddFields(ImmutableDictionary<string, RawInput>.Builder target, JsonElement obj, string location)
    {
        foreach (var q in obj.EnumerateObject())
        {
            if (RawInputJson.Read(q.Value) is not { } v) continue;
            var key = _aliases.GetValueOrDefault(q.Name, q.Name);
            if (key != q.Name && target.ContainsKey(key))
                Problems.Add($"{location}：“{q.Name}”是指标“{key}”的别名，与“{key}”重复填写");
            else if (key == q.Name && target.ContainsKey(key) && _aliases.ContainsValue(key))
                Problems.Add($"{location}：指标“{key}”已用别名填写过，不能重复填写");
            else target[key] = v;
        }
    }

    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) message = message[..cut];
        var where = e.LineNumber is { } line
            ? $"第 {line + 1} 行" + (e.BytePositionInLine is { } b ? $"（行内第 {b + 1} 字节）" : "")
            : "末尾";
        return $"JSON 格式错误，{where}：{message}";
    }
}
