using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace Kaohe.Core.Inputs;

/// <summary>
/// Raw inputs to and from JSON, in the format of <c>kaohe score</c>'s inputs: text and numbers as scalars
/// (a number keeps its written digits), true/false as 是/否, arrays as lists, objects as fields.
/// </summary>
public static class RawInputJson
{
    /// <summary>A JSON value as a raw input; null for JSON null (an absent input).</summary>
    public static RawInput? Read(JsonElement v)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.String:
                return new RawScalar(v.GetString()!);
            case JsonValueKind.Number:
                var raw = v.GetRawText();
                if (raw.AsSpan().IndexOfAny('e', 'E') >= 0 && v.TryGetDecimal(out var d)) raw = d.ToString(CultureInfo.InvariantCulture);
                return new RawScalar(raw, IsNumber: true);
            case JsonValueKind.True:
                return new RawScalar("是");
            case JsonValueKind.False:
                return new RawScalar("否");
            case JsonValueKind.Array:
                var items = ImmutableArray.CreateBuilder<RawInput>();
                foreach (var item in v.EnumerateArray())
                    if (Read(item) is { } c) items.Add(c);
                return new RawList(items.ToImmutable());
            case JsonValueKind.Object:
                return new RawObject(ReadFields(v));
            default:
                return null;
        }
    }

    /// <summary>The fields of a JSON object as named raw inputs (null fields left out).</summary>
    public static ImmutableDictionary<string, RawInput> ReadFields(JsonElement obj)
    {
        var fields = ImmutableDictionary.CreateBuilder<string, RawInput>(StringComparer.Ordinal);
        foreach (var q in obj.EnumerateObject())
            if (Read(q.Value) is { } v) fields[q.Name] = v;
        return fields.ToImmutable();
    }

    /// <summary>Writes a raw input so that <see cref="Read"/> gives it back (a number stays a number with its digits).</summary>
    public static void Write(Utf8JsonWriter w, RawInput input)
    {
        switch (input)
        {
            case RawScalar { IsNumber: true } n:
                w.WriteRawValue(n.Text, skipInputValidation: false);
                break;
            case RawScalar s:
                w.WriteStringValue(s.Text);
                break;
            case RawList l:
                w.WriteStartArray();
                foreach (var item in l.Items) Write(w, item);
                w.WriteEndArray();
                break;
            case RawObject o:
                WriteFields(w, o.Fields);
                break;
        }
    }

    /// <summary>Writes named raw inputs as one JSON object, keys in ordinal order.</summary>
    public static void WriteFields(Utf8JsonWriter w, IReadOnlyDictionary<string, RawInput> fields)
    {
        w.WriteStartObject();
        foreach (var (key, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            w.WritePropertyName(key);
            Write(w, value);
        }
        w.WriteEndObject();
    }

    /// <summary>Named raw inputs as JSON text.</summary>
    public static string ToJson(IReadOnlyDictionary<string, RawInput> fields)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteFields(w, fields);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Named raw inputs from JSON text of an object.</summary>
    public static ImmutableDictionary<string, RawInput> FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.ValueKind == JsonValueKind.Object ? ReadFields(doc.RootElement) : ImmutableDictionary<string, RawInput>.Empty;
    }
}
