using System.Collections.Immutable;
using Kaohe.Core.Inputs;
using Kaohe.Core.Model;
using Kaohe.Core.Scoring;
using Xunit;

namespace Kaohe.Schemes.Tests;

/// <summary>Builds subjects from readable literals and scores them against built-in templates.</summary>
public static class TestKit
{
    /// <summary>
    /// A raw input from a literal: string → text; int/decimal/double → a JSON number (a fraction for percentages);
    /// string[]/object[] → list; IDictionary&lt;string, object&gt; → object of fields.
    /// </summary>
    public static RawInput Raw(object value) => value switch
    {
        RawInput r => r,
        string s => new RawScalar(s),
        int i => new RawScalar(i.ToString(System.Globalization.CultureInfo.InvariantCulture), true),
        decimal d => new RawScalar(d.ToString(System.Globalization.CultureInfo.InvariantCulture), true),
        double d => new RawScalar(((decimal)d).ToString(System.Globalization.CultureInfo.InvariantCulture), true),
        IDictionary<string, object> o => new RawObject(o.ToImmutableDictionary(kv => kv.Key, kv => Raw(kv.Value))),
        System.Collections.IEnumerable e => new RawList([.. e.Cast<object>().Select(Raw)]),
        _ => throw new ArgumentException($"unsupported literal {value}"),
    };

    /// <summary>A field object: <c>Obj(("value", "2.5%"), ("baseline", "3%"))</c>.</summary>
    public static Dictionary<string, object> Obj(params (string Key, object Value)[] fields) =>
        fields.ToDictionary(f => f.Key, f => f.Value);

    /// <summary>A subject with shared inputs.</summary>
    public static SubjectInput Subject(string name, params (string Indicator, object Value)[] inputs) =>
        new(name, inputs.ToImmutableDictionary(i => i.Indicator, i => Raw(i.Value)), ImmutableDictionary<string, ImmutableDictionary<string, RawInput>>.Empty, ImmutableDictionary<string, RawInput>.Empty);

    /// <summary>Adds one rater's inputs to a subject.</summary>
    public static SubjectInput WithRater(this SubjectInput s, string role, params (string Indicator, object Value)[] inputs) =>
        s with { Raters = s.Raters.SetItem(role, inputs.ToImmutableDictionary(i => i.Indicator, i => Raw(i.Value))) };

    /// <summary>Adds a subject-level extra value such as 奖金基数.</summary>
    public static SubjectInput WithExtra(this SubjectInput s, string key, object value) =>
        s with { Extra = s.Extra.SetItem(key, Raw(value)) };

    /// <summary>Loads a built-in template, failing the test with every load error.</summary>
    public static Scheme Template(string id)
    {
        var r = SchemeCatalog.Resolve(id);
        Assert.True(r.IsSuccess, string.Join("\n", r.Errors));
        return r.Scheme!;
    }

    /// <summary>Scores subjects and fails the test with every input error.</summary>
    public static ImmutableArray<SubjectResult> ScoreAll(string templateId, params SubjectInput[] subjects)
    {
        var outcome = ScoringEngine.ScoreAll(Template(templateId), subjects);
        Assert.True(outcome.IsSuccess, string.Join("\n", outcome.Errors));
        return outcome.Results;
    }

    /// <summary>Scores one subject and fails the test with every input error.</summary>
    public static SubjectResult Score(string templateId, SubjectInput subject) => ScoreAll(templateId, subject)[0];

    /// <summary>The errors of scoring subjects that are expected to be wrong.</summary>
    public static ImmutableArray<ScoringError> Errors(string templateId, params SubjectInput[] subjects) =>
        ScoringEngine.ScoreAll(Template(templateId), subjects).Errors;

    /// <summary>The exact score of one indicator of a result.</summary>
    public static decimal Item(this SubjectResult r, string indicator) =>
        r.Indicators.Single(i => i.Name == indicator).Score ?? throw new Xunit.Sdk.XunitException($"{indicator} has no score");
}
