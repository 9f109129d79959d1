using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Xunit;

namespace Kaohe.Schemes.Tests;

/// <summary>
/// Hostile scheme texts (security issue 10): every one is refused with errors that say where, in Chinese; none
/// throws, overflows the stack or costs time and memory out of proportion (docs/scheme-format.md, "Limits").
/// </summary>
public sealed class SchemeLimitsTests
{
    private const string Valid = """
        id: LIM-01
        name: 限制测试表
        subject: office
        period: month
        total: 20
        sections:
          - name: 定量指标
            indicators:
              - name: 满意度
                points: 20
                bands:
                  bands:
                    - { when: ">= 90%", points: 20 }
                    - { when: "< 90%", points: 0 }
        """;

    private static SchemeLoadResult Load(string yaml) => SchemeLoader.Load(yaml, "limits.yaml");

    private static SchemeError SingleError(string yaml)
    {
        var r = Load(yaml);
        Assert.Null(r.Scheme);
        return Assert.Single(r.Errors);
    }

    // ------------------------------------------------------------------ the event parser itself

    [Fact]
    public void EventParser_Nesting100000Deep_KeepsItsStateOffTheCallStack()
    {
        // "- - - … x" nests block sequences 100,000 deep in linear time. A parser that recursed once per level would
        // need several MB of stack; this one runs on a thread with 256 KB. (Flow nesting "[[[…" is parsed just as
        // iteratively but in quadratic time, which is why the loader stops at the first level beyond the bound.)
        const int depth = 100_000;
        var text = new StringBuilder(depth * 2 + 4).Insert(0, "- ", depth).Append("x\n").ToString();
        var deepest = 0;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var parser = new Parser(new StringReader(text));
                var level = 0;
                while (parser.MoveNext())
                {
                    if (parser.Current is SequenceStart) deepest = Math.Max(deepest, ++level);
                    else if (parser.Current is SequenceEnd) level--;
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        Assert.Equal(depth, deepest);
    }

    // ------------------------------------------------------------------ nesting

    [Fact]
    public void Load_Sequences100000Deep_RefusedAtTheFirstLevelBeyond64()
    {
        var e = SingleError("notes: " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        Assert.Equal("嵌套层数超过 64 层（映射和列表最多嵌套 64 层）", e.Message);
        // The top-level mapping is level 1, the k-th "[" (column 7 + k) level k + 1: level 65 is at column 71.
        Assert.Equal((1, 71), (e.Line, e.Column));
        Assert.Equal("notes" + string.Concat(Enumerable.Repeat("[0]", 63)), e.Field);
    }

    [Fact]
    public void Load_Mappings100000Deep_RefusedAtTheFirstLevelBeyond64()
    {
        var e = SingleError("notes: " + new StringBuilder().Insert(0, "{a: ", 100_000) + "1" + new string('}', 100_000) + "\n");
        Assert.Contains("嵌套层数超过 64 层", e.Message);
        Assert.Equal((1, 8 + 63 * 4), (e.Line, e.Column));
        Assert.StartsWith("notes.a.a.a", e.Field);
    }

    [Fact]
    public void Load_BlockSequences100000Deep_RefusedWithLine()
    {
        var e = SingleError(new StringBuilder().Insert(0, "- ", 100_000) + "x\n");
        Assert.Contains("嵌套层数超过 64 层", e.Message);
        Assert.Equal((1, 129), (e.Line, e.Column));
    }

    [Fact]
    public void Load_NestingOf64_IsAllowed()
    {
        // Level 1 is the top-level mapping, so 63 brackets reach level 64; the scheme then fails only on its content.
        var r = Load(Valid + "\nnotes: " + new string('[', 63) + new string(']', 63) + "\n");
        Assert.DoesNotContain(r.Errors, e => e.Message.Contains("嵌套"));
    }

    [Fact]
    public void Load_AliasThatWouldNestBeyond64_Refused()
    {
        var yaml = "deep: &d " + new string('[', 40) + new string(']', 40) + "\nnotes: " + new string('[', 30) + "*d" + new string(']', 30) + "\n";
        var e = SingleError(yaml);
        Assert.Equal("别名“*d”展开后嵌套层数超过 64 层", e.Message);
        Assert.Equal(2, e.Line);
    }

    // ------------------------------------------------------------------ aliases

    [Fact]
    public void Load_AliasBomb_RefusedWithoutExpanding()
    {
        // 2,000 sections, each an alias of a 500-key mapping (94 KB of text in the probe; the old loader made an
        // "unknown field" error per expanded key: a million errors, seconds and hundreds of MB).
        var yaml = new StringBuilder(Valid).Append("\nx: &a {");
        yaml.AppendJoin(", ", Enumerable.Range(0, 500).Select(i => $"k{i}: {i}")).Append("}\nsections2: [");
        yaml.AppendJoin(", ", Enumerable.Repeat("*a", 2_000)).Append("]\n");
        var text = yaml.ToString().Replace("sections:", "sections_old:").Replace("sections2:", "sections:");

        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = SingleError(text);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.StartsWith("别名展开后的节点过多（超过 100,000 个）", e.Message);
        Assert.Contains("*a", e.Message);
        Assert.True(e.Line > 0 && e.Column > 0);
        Assert.True(allocated < 16 * 1024 * 1024, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Load_BillionLaughs_RefusedAtTheLevelThatExceedsTheBound()
    {
        var yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
            yaml.Append($"a{i}: &a{i} [").AppendJoin(", ", Enumerable.Repeat($"*a{i - 1}", 10)).Append("]\n");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = SingleError(yaml.ToString());
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 * 1024 * 1024);
        Assert.StartsWith("别名展开后的节点过多", e.Message);
        Assert.Equal(5, e.Line);   // a4 expands to 111,111 nodes
    }

    [Fact]
    public void Load_TooManyAliases_Refused()
    {
        var yaml = "x: &s 1\nnotes: [" + string.Join(", ", Enumerable.Repeat("*s", 1_001)) + "]\n";
        var e = SingleError(yaml);
        Assert.Equal("别名过多：最多 1,000 个", e.Message);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Load_AliasesOfLongText_BoundedByExpandedCharacters()
    {
        var yaml = $"x: &s \"{new string('长', 100_000)}\"\nnotes: [" + string.Join(", ", Enumerable.Repeat("*s", 11)) + "]\n";
        var e = SingleError(yaml);
        Assert.StartsWith("别名展开后的文本过长（超过 1,048,576 个字符）", e.Message);
    }

    [Theory]
    [InlineData("notes: [*nowhere]\n", "别名“*nowhere”引用的锚点“&nowhere”未定义（锚点须写在别名之前）")]
    [InlineData("notes: &loop [a, *loop]\n", "别名“*loop”出现在锚点“&loop”自身之内（循环引用）")]
    [InlineData("a: &x 1\nb: &x 2\n", "锚点“&x”重复定义")]
    public void Load_BadAnchors_Refused(string yaml, string message) =>
        Assert.Equal(message, SingleError(yaml).Message);

    [Fact]
    public void Load_AnchorsWithinBounds_StillWork()
    {
        var yaml = Valid.Replace("- { when: \">= 90%\"", "- &top { when: \">= 90%\"")
            + "\nnotes: [*top]\n";
        Assert.DoesNotContain(Load(yaml).Errors, e => e.Message.Contains("别名") || e.Message.Contains("锚点"));
    }

    // ------------------------------------------------------------------ size

    [Fact]
    public void Load_HugeText_RefusedWithWhereItExceeds()
    {
        var yaml = "notes:\n" + new StringBuilder().Insert(0, "  - 一条很长的备注\n", 60_000);
        var e = SingleError(yaml);
        Assert.StartsWith("方案文本过长：最多 524,288 个字符", e.Message);
        // 7 characters of "notes:\n", then lines of 12 characters: character 524,289 is on line 43,692.
        Assert.Equal((2 + (524_288 - 7) / 12, 1 + (524_288 - 7) % 12), (e.Line, e.Column));
    }

    [Fact]
    public void LoadFile_HugeFile_RefusedWithoutReadingItWhole()
    {
        var path = Path.Combine(Path.GetTempPath(), "kaohe-limits-" + Guid.NewGuid().ToString("N") + ".yaml");
        try
        {
            using (var w = new StreamWriter(path, false, new UTF8Encoding(false)))
            {
                w.Write("notes:\n");
                for (var i = 0; i < 1_000_000; i++) w.Write("  - x\n");   // 6 MB
            }
            var before = GC.GetAllocatedBytesForCurrentThread();
            var r = SchemeLoader.LoadFile(path);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            var e = Assert.Single(r.Errors);
            Assert.StartsWith("方案文本过长", e.Message);
            Assert.Equal(path, e.File);
            Assert.True(allocated < 8 * 1024 * 1024, $"allocated {allocated:N0} bytes");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_LongKey_Refused()
    {
        var e = SingleError(Valid + "\nscales:\n  " + new string('键', 201) + ": { 优: 1 }\n");
        Assert.Equal("键过长：最多 200 个字符，实际 201 个", e.Message);
        Assert.Equal(("scales", 16), (e.Field, e.Line));
    }

    [Fact]
    public void Load_ThousandsOfErrors_ReportsTheFirstThousandAndSaysSo()
    {
        var yaml = Valid + "\n" + string.Concat(Enumerable.Range(0, 3_000).Select(i => $"unknown{i}: 1\n"));
        var r = Load(yaml);
        Assert.Equal(1_001, r.Errors.Length);
        Assert.All(r.Errors.Take(1_000), e => Assert.StartsWith("未知字段", e.Message));
        Assert.Equal("错误过多：只列出前 1,000 个，请先改正这些错误", r.Errors[^1].Message);
    }

    [Fact]
    public void Load_IntervalWithThousandsOfSpaces_IsReadInLinearTime()
    {
        // The former pattern ^([\[\(])\s*([^,]*)\s*,\s*([^\]\)]*)\s*([\]\)])$ backtracked on this shape for 6 s
        // at 202 characters, growing with the fourth power of the length: at 2,002 it would run for hours.
        var when = "[" + new string(' ', 1_000) + "," + new string(' ', 1_000) + "1";
        var r = Load(Valid.Replace("\">= 90%\"", "\"" + when + "\""));
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("无法识别区间", e.Message);
        Assert.Equal("sections[0].indicators[0].bands.bands[0].when", e.Field);
    }

    [Theory]
    [InlineData("[85%, 90%)", 85, true, 90, false)]
    [InlineData("(1,2]", 1, false, 2, true)]
    [InlineData("[ 3 , inf )", 3, true, null, false)]
    [InlineData(">= 90%", 90, true, null, false)]
    [InlineData("> 90", 90, false, null, false)]
    [InlineData("<=3", null, false, 3, true)]
    [InlineData("< 80%", null, false, 80, false)]
    [InlineData("= 0", 0, true, 0, true)]
    [InlineData("== 0", 0, true, 0, true)]
    [InlineData("≥ 90%", 90, true, null, false)]
    public void Load_Intervals_ReadAsBefore(string when, int? lo, bool loIncl, int? hi, bool hiIncl)
    {
        var r = Load(Valid.Replace("\">= 90%\"", "\"" + when + "\"").Replace("\"< 90%\"", "all"));
        Assert.True(r.IsSuccess, string.Join("\n", r.Errors));
        var range = ((Kaohe.Core.Model.BandRule)r.Scheme!.Indicators.First().Rule).Bands[0].Range;
        Assert.Equal(lo, (int?)range.Lower?.Value);
        Assert.Equal(hi, (int?)range.Upper?.Value);
        if (lo is not null) Assert.Equal(loIncl, range.Lower!.Value.Inclusive);
        if (hi is not null) Assert.Equal(hiIncl, range.Upper!.Value.Inclusive);
    }

    [Fact]
    public void Load_SyntaxError_SaysWhereWithoutTheParsersOwnMarks()
    {
        var e = SingleError("id: X\nnotes: [a, b\n");
        Assert.StartsWith("YAML 语法错误：", e.Message);
        Assert.DoesNotContain("Idx", e.Message);
        Assert.True(e.Line > 0 && e.Column > 0);
    }

    [Theory]
    [InlineData("[1, 2, 3]")]
    [InlineData("[1; 2]")]
    [InlineData(">")]
    [InlineData("about 5")]
    public void Load_BadIntervals_StillRefused(string when) =>
        Assert.Contains(Load(Valid.Replace("\">= 90%\"", "\"" + when + "\"")).Errors, e => e.Message.Contains(when));

    // ------------------------------------------------------------------ ids and names

    [Theory]
    [InlineData("\"a/b\"", "不能含有“/”")]
    [InlineData("'a\\b'", "不能含有“\\”")]
    [InlineData("../etc", "不能含有“/”")]
    [InlineData("a..b", "不能含有“..”")]
    [InlineData(".hidden", "不能以“.”开头")]
    [InlineData("\"a b\"", "不能含有空格")]
    [InlineData("\"a\\nb\"", "不能含有控制字符（如换行）")]
    [InlineData("\"a\\rb\"", "不能含有控制字符（如换行）")]
    [InlineData("\"a:b\"", "不能含有“:”")]
    [InlineData("\"\"", "方案编号（id）不能为空")]
    [InlineData("ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDE", "方案编号（id）过长：最多 64 个字符，实际 65 个")]
    public void Load_BadId_RefusedOnTheIdLine(string id, string message)
    {
        var r = Load(Valid.Replace("id: LIM-01", "id: " + id));
        Assert.Null(r.Scheme);
        var e = Assert.Single(r.Errors);
        Assert.Contains(message, e.Message);
        Assert.Equal(("id", 1, 5), (e.Field, e.Line, e.Column));
    }

    [Theory]
    [InlineData("TPL-99")]
    [InlineData("我的方案_2026.v1")]
    [InlineData("ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJABCD")]
    public void Load_GoodId_Loads(string id)
    {
        var r = Load(Valid.Replace("id: LIM-01", "id: " + id));
        Assert.True(r.IsSuccess, string.Join("\n", r.Errors));
        Assert.Equal(id, r.Scheme!.Id);
    }

    [Fact]
    public void Load_BadSlug_Refused()
    {
        var e = Assert.Single(Load(Valid.Replace("id: LIM-01", "id: LIM-01\nslug: ../x")).Errors);
        Assert.Equal(("slug", 2), (e.Field, e.Line));
        Assert.Contains("方案别名（slug）", e.Message);
    }

    [Fact]
    public void Load_NameOf100_Loads_NameOf101_RefusedWithItsLine()
    {
        Assert.True(Load(Valid.Replace("name: 限制测试表", "name: " + new string('名', 100))).IsSuccess);
        var e = Assert.Single(Load(Valid.Replace("name: 限制测试表", "name: " + new string('名', 101))).Errors);
        Assert.Equal("方案名称过长：最多 100 个字符，实际 101 个", e.Message);
        Assert.Equal(("name", 2, 7), (e.Field, e.Line, e.Column));
    }

    [Theory]
    [InlineData("- name: 满意度", "- name: {0}", 100, "sections[0].indicators[0].name", "指标名称过长")]
    [InlineData("- name: 定量指标", "- name: {0}", 100, "sections[0].name", "分组名称过长")]
    public void Load_LongItemNames_Refused(string find, string replace, int max, string field, string message)
    {
        var e = Assert.Single(Load(Valid.Replace(find, string.Format(replace, new string('名', max + 1)))).Errors);
        Assert.Equal(field, e.Field);
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Load_StoredRaterAndGradeNames_Bounded()
    {
        var yaml = Valid + "\nraters:\n  - { name: " + new string('评', 65) + ", weight: 100% }\n"
            + "grades:\n  - { grade: " + new string('优', 33) + ", min: 90 }\n  - { grade: 其他 }\n";
        var errors = Load(yaml).Errors;
        Assert.Contains(errors, e => e.Field == "raters[0].name" && e.Message == "评分人名称过长：最多 64 个字符，实际 65 个");
        Assert.Contains(errors, e => e.Field == "grades[0].grade" && e.Message == "等级名称过长：最多 32 个字符，实际 33 个");
    }

    [Fact]
    public void Load_TooManyRaters_Refused()
    {
        var yaml = Valid + "\nraters:\n" + string.Concat(Enumerable.Range(1, 21).Select(i => $"  - {{ name: 评分人{i}, weight: 0 }}\n"));
        Assert.Contains(Load(yaml).Errors, e => e.Field == "raters" && e.Message == "评分人过多：最多 20 个，实际 21 个");
    }

    [Fact]
    public void Load_TooManyBands_Refused()
    {
        var many = string.Join("\n" + new string(' ', 12), Enumerable.Range(0, 51).Select(i => $"- {{ when: \">= {i}\", points: 1 }}"));
        var yaml = Valid.Replace("- { when: \">= 90%\", points: 20 }", many);
        Assert.Contains(Load(yaml).Errors, e => e.Field == "sections[0].indicators[0].bands.bands" && e.Message == "档位过多：一个列表最多 50 个档位，实际 52 个");
    }

    [Fact]
    public void Load_TooManyBandsInAll_Refused()
    {
        var band = "{ name: 项{0}, points: 1, bands: { bands: [" + string.Join(", ", Enumerable.Repeat("{ when: all, points: 1 }", 50)) + "] } }";
        var yaml = Valid + "\n  - name: 更多\n    indicators:\n" + string.Concat(Enumerable.Range(0, 40).Select(i => "      - " + band.Replace("{0}", i.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "\n"));
        Assert.Contains(Load(yaml).Errors, e => e.Field == "sections" && e.Message == "档位过多：全部指标合计最多 2,000 个档位，实际 2,002 个");
    }
}
