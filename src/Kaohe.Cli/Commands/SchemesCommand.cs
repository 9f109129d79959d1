using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kaohe.Cli.IO;
using Kaohe.Core.Text;
using Kaohe.Core.Lint;
using Kaohe.Core.Model;
using Kaohe.Schemes;
using Spectre.Console;
using static Kaohe.Core.Text.Fmt;

namespace Kaohe.Cli.Commands;

/// <summary><c>kaohe schemes list | show | lint</c>: the built-in templates and scheme files.</summary>
internal static class SchemesCommand
{
    public static Command Create(CliIO io)
    {
        var command = new Command("schemes", "考核方案：列出内置模板、按原表样式查看方案、检查方案");
        command.Add(List(io));
        command.Add(Show(io));
        command.Add(Lint(io));
        return command;
    }

    // ------------------------------------------------------------------ list

    private static Command List(CliIO io)
    {
        var format = new Option<string>("--format", "-f") { Description = "输出格式：table（默认）或 json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("list", "列出内置模板：代码、别名、名称、考核对象、周期、指标数、总分") { format };
        command.SetAction(parse => parse.GetValue(format) == "json" ? ListJson(io) : ListTable(io));
        return command;
    }

    private static int ListTable(CliIO io)
    {
        var table = new Table().Border(TableBorder.Square);
        foreach (var h in new[] { "代码", "别名", "名称", "对象", "周期", "指标数", "总分" })
            table.AddColumn(h);
        foreach (var t in SchemeCatalog.Templates)
        {
            if (t.Load.Scheme is { } s && t.Load.IsSuccess)
                table.AddRow(Cells(t.Id, t.Slug, s.Name, Words.Subject(s.SubjectKind), Words.Period(s.Period),
                    s.Indicators.Count().ToString(System.Globalization.CultureInfo.InvariantCulture), Words.TotalPoints(s) is { } p ? Num(p) : "—"));
            else
                table.AddRow(Cells(t.Id, t.Slug, $"（无法加载：{t.Load.Errors.Length} 个错误，见 kaohe schemes lint {t.Id}）", "", "", "", ""));
        }
        PlainConsole.Create(io.Out).Write(table);
        io.Out.WriteLine($"共 {SchemeCatalog.Templates.Length} 个内置模板。用 `kaohe schemes show <代码>` 查看。");
        return KaoheCli.Ok;
    }

    private static Spectre.Console.Text[] Cells(params string[] cells) => [.. cells.Select(c => new Spectre.Console.Text(c))];

    private static int ListJson(CliIO io)
    {
        var list = SchemeCatalog.Templates.Select(t => t.Load.Scheme is { } s && t.Load.IsSuccess
            ? new SchemeSummary(t.Id, t.Slug, s.Name, Words.Subject(s.SubjectKind), Words.Period(s.Period), s.Indicators.Count(), Words.TotalPoints(s), null)
            : new SchemeSummary(t.Id, t.Slug, null, null, null, null, null, [.. t.Load.Errors.Select(e => e.ToString())]));
        io.Out.WriteLine(JsonSerializer.Serialize(list, JsonOptions));
        return KaoheCli.Ok;
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private sealed record SchemeSummary(string Id, string Slug, string? Name, string? Subject, string? Period, int? Indicators, decimal? Total, string[]? Errors);

    // ------------------------------------------------------------------ show

    private static Command Show(CliIO io)
    {
        var id = new Argument<string>("方案") { Description = "内置模板代码（如 TPL-01）、别名，或方案 YAML 文件路径" };
        var command = new Command("show", "按原表样式显示方案：分组、指标、分值、评分标准、评分人、等级、奖金与备注") { id };
        command.SetAction(parse =>
        {
            var scheme = SchemeArgument.Load(parse.GetValue(id)!, io.Err);
            if (scheme is null) return KaoheCli.BadInput;
            ShowScheme(scheme, io.Out);
            return KaoheCli.Ok;
        });
        return command;
    }

    internal static void ShowScheme(Scheme s, TextWriter w)
    {
        // Notes cite the codes of the rules document, which a reader cannot look up: plain words instead.
        s = Kaohe.Schemes.Editing.EditorWords.ForReaders(s);
        var console = PlainConsole.Create(w);
        w.WriteLine($"{s.Name}");
        w.WriteLine($"代码：{s.Id}　别名：{s.Slug}　考核对象：{Words.Subject(s.SubjectKind)}　周期：{Words.Period(s.Period)}" +
                    (Words.TotalPoints(s) is { } total ? $"　总分：{Num(total)}" : ""));
        if (s.Source is not null && Kaohe.Schemes.Editing.EditorWords.WithoutCodes(s.Source) is { Length: > 0 } source) w.WriteLine($"来源：{source}");
        if (!s.Raters.IsEmpty)
        {
            w.WriteLine("评分人：" + string.Join("、", s.Raters.Select(r => r.Weight == 0 ? $"{r.Name}（仅供参考）" : $"{r.Name} {Pct(r.Weight * 100)}")) +
                        s.MissingRater switch
                        {
                            MissingRaterPolicy.CountAsZero => "；缺评按 0 分",
                            MissingRaterPolicy.Error => "；不得缺评",
                            _ => "；缺评时按到场评分人重新分配权重",
                        });
        }
        w.WriteLine();

        var n = 0;
        foreach (var section in s.Sections)
        {
            var head = section.Name;
            var extras = new List<string>();
            if (section.Weight is { } sw) extras.Add($"权重 {Pct(sw * 100)}");
            if (section.ScaleTo is { } st) extras.Add($"折算为 {Num(st)} 分制");
            if (section.Cap is { } sc) extras.Add($"最高 {Num(sc)} 分");
            if (section.Floor is { } sf) extras.Add($"最低 {Num(sf)} 分");
            if (extras.Count > 0) head += "（" + string.Join("，", extras) + "）";
            var table = new Table().Border(TableBorder.Square).Title(Markup.Escape(head));
            table.AddColumn(new TableColumn("序号").RightAligned());
            table.AddColumn("指标");
            table.AddColumn("类别");
            table.AddColumn(new TableColumn("分值").RightAligned());
            var hasRaters = section.Indicators.Any(i => !i.RatedBy.IsEmpty);
            if (hasRaters) table.AddColumn("评分人");
            table.AddColumn("评分标准");
            foreach (var ind in section.Indicators)
            {
                n++;
                var cells = new List<string>
                {
                    n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ind.Name,
                    Words.Category(ind.Category),
                    (ind.Points is { } p ? Num(p) : "—") + (ind.Weight is { } iw ? $"（{Pct(iw * 100)}）" : ""),
                };
                if (hasRaters) cells.Add(ind.RatedBy.IsEmpty ? "—" : string.Join("、", ind.RatedBy));
                cells.Add(RuleDescriber.Describe(ind) + (ind.Note is { } note ? $"（注：{note}）" : ""));
                table.AddRow(Cells([.. cells]));
            }
            console.Write(table);
            w.WriteLine();
        }

        if (!s.CategoryCaps.IsEmpty)
            w.WriteLine("类别上限：" + string.Join("；", s.CategoryCaps.Select(kv => $"{Words.Category(kv.Key)}合计最多扣 {Num(kv.Value)} 分")));
        if (s.TotalCap is not null || s.TotalFloor is not null)
            w.WriteLine("总分限制：" + string.Join("，", new[] { s.TotalCap is { } c ? $"最高 {Num(c)} 分" : null, s.TotalFloor is { } f ? $"最低 {Num(f)} 分" : null }.Where(x => x is not null)));
        if (s.NormaliseTo is { } to && s.NominalTotal is { } nominal)
            w.WriteLine($"总分折算：表满分 {Num(nominal)} 分，折算为 {Num(to)} 分制");
        if (s.Indicators.Any(i => i.Category == IndicatorCategory.Veto))
            w.WriteLine($"否决：触发任一否决项，总分按 {Num(s.VetoScore)} 分");
        if (s.Grades is { } grades)
            w.WriteLine("等级：" + string.Join("；", grades.Bands.Select(b => b.Min is { } m ? $"{b.Grade} {(b.MinInclusive ? "≥" : ">")} {Num(m)} 分" : $"{b.Grade}（其余）")));
        if (s.Payout is { } payout) w.WriteLine("奖金：" + RuleDescriber.Payout(payout));
        if (s.Ranking is { } rk) w.WriteLine("排名：" + RuleDescriber.Ranking(rk));
        foreach (var rule in s.Consequences) w.WriteLine("结果运用：" + RuleDescriber.Consequence(rule));
        if (!s.Notes.IsEmpty)
        {
            w.WriteLine("备注：");
            foreach (var note in s.Notes) w.WriteLine("  · " + note);
        }
        if (!s.Lost.IsEmpty)
        {
            w.WriteLine("原表丢失、无法计分的内容：");
            foreach (var lost in s.Lost) w.WriteLine("  · " + lost);
        }
    }

    // ------------------------------------------------------------------ lint

    private static Command Lint(CliIO io)
    {
        var ids = new Argument<string[]>("方案") { Description = "内置模板代码、别名或方案 YAML 文件；不写则检查全部内置模板", Arity = ArgumentArity.ZeroOrMore };
        var all = new Option<bool>("--all") { Description = "检查全部内置模板" };
        var command = new Command("lint", "检查方案：分值合计、权重、档位缺口与重叠、达不到的上限等；有错误时退出码为 2") { ids, all };
        command.SetAction(parse => RunLint(io, parse.GetValue(ids) ?? [], parse.GetValue(all)));
        return command;
    }

    private static int RunLint(CliIO io, string[] ids, bool all)
    {
        var targets = new List<(string Name, SchemeLoadResult Load)>();
        if (all || ids.Length == 0)
            targets.AddRange(SchemeCatalog.Templates.Select(t => (t.Id, t.Load)));
        foreach (var id in ids)
            targets.Add((id, SchemeCatalog.Resolve(id)));
        if (targets.Count == 0)
        {
            io.Out.WriteLine("没有可检查的方案。");
            return KaoheCli.Ok;
        }

        int errors = 0, warnings = 0, notes = 0, failedLoads = 0;
        foreach (var (name, load) in targets)
        {
            if (!load.IsSuccess || load.Scheme is null)
            {
                failedLoads++;
                io.Out.WriteLine($"== {name}：无法加载（{load.Errors.Length} 个错误）");
                foreach (var e in load.Errors) io.Out.WriteLine("  [错误] " + e);
                io.Out.WriteLine();
                continue;
            }
            var scheme = load.Scheme;
            var findings = SchemeLinter.Lint(scheme);
            io.Out.WriteLine($"== {scheme.Id} {scheme.Name}" + (name != scheme.Id ? $"（{name}）" : ""));
            if (findings.Count == 0) io.Out.WriteLine("  没有发现问题");
            foreach (var f in findings)
            {
                io.Out.WriteLine("  " + f);
                switch (f.Severity)
                {
                    case LintSeverity.Error: errors++; break;
                    case LintSeverity.Warning: warnings++; break;
                    default: notes++; break;
                }
            }
            io.Out.WriteLine();
        }
        io.Out.WriteLine($"共检查 {targets.Count} 个方案：无法加载 {failedLoads}，错误 {errors}，警告 {warnings}，提示 {notes}。");
        return errors == 0 && failedLoads == 0 ? KaoheCli.Ok : KaoheCli.BadInput;
    }
}
