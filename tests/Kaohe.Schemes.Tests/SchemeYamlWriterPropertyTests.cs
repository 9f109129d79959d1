using FsCheck.Xunit;
using Kaohe.Core.Model;

namespace Kaohe.Schemes.Tests;

/// <summary>Whatever text and numbers a clerk types, the written YAML reads back to exactly them.</summary>
public sealed class SchemeYamlWriterPropertyTests
{
    private static readonly Scheme Base = TestKit.Template("TPL-07");

    /// <summary>Half of a surrogate pair is not a character: no text file can hold it, so it is not a case.</summary>
    private static bool Writable(string s) => !s.Where((c, i) =>
        char.IsHighSurrogate(c) ? i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]) : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(s[i - 1]))).Any();

    [Property(MaxTest = 500)]
    public bool Write_AnyTextAndNumbers_ReadBackUnchanged(string? text, decimal points, decimal weight, decimal limit, bool lost)
    {
        text ??= "";
        if (!Writable(text)) return true;
        var name = "项" + (text.Length > 90 ? text[..90] : text);
        var first = Base.Sections[0];
        var item = first.Indicators[0] with
        {
            Name = name, Note = text, Points = points, Weight = weight, Cap = limit, Manual = lost,
            Rule = new ManualRule(Math.Min(0, points), Math.Max(0, points), false, null),
        };
        var scheme = Base with
        {
            Notes = [text, .. Base.Notes], Lost = [text], TotalCap = limit,
            Raters = [Base.Raters[0] with { Weight = weight }, .. Base.Raters[1..]],
            Sections = [first with { Weight = weight, Indicators = [item, .. first.Indicators[1..]] }, .. Base.Sections[1..]],
        };
        var yaml = SchemeYamlWriter.Write(scheme);
        var again = SchemeLoader.Load(yaml, "property");
        Xunit.Assert.True(again.IsSuccess, string.Join("\n", again.Errors) + "\n---\n" + yaml);
        Xunit.Assert.Null(Structural.Difference(scheme, again.Scheme));
        return true;
    }
}
