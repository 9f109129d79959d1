using System.Collections.Concurrent;
using Kaohe.Core.Lint;
using Kaohe.Core.Model;
using Kaohe.Data.Model;
using Kaohe.Schemes;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Cycles;

/// <summary>A scheme in the list: a built-in template or an own scheme, with its latest stored version.</summary>
public sealed record SchemeItem(string Code, string Name, string SubjectKind, string Period, bool Builtin, int? LatestVersion);

/// <summary>A stored version of a scheme.</summary>
public sealed record SchemeVersionRow(int Version, string CreatedBy, DateTime CreatedAt, int Cycles);

/// <summary>A scheme with its YAML, versions and lint findings.</summary>
public sealed record SchemeDetail(string Code, string Name, bool Builtin, string Yaml, IReadOnlyList<SchemeVersionRow> Versions, IReadOnlyList<string> Problems, IReadOnlyList<LintFinding> Lint);

/// <summary>The outcome of checking scheme YAML: load errors (line, column, field) and lint findings.</summary>
public sealed record SchemeCheck(string? Code, string? Name, IReadOnlyList<string> Errors, IReadOnlyList<LintFinding> Lint)
{
    public bool CanSave => Errors.Count == 0 && !Lint.Any(l => l.Severity == LintSeverity.Error);
}

/// <summary>
/// The schemes users see and write: the built-in templates (read-only) and own schemes stored as versions. Saving
/// own YAML checks it (load errors and lint) and stores a new version; cycles keep the version they were opened with.
/// </summary>
public sealed class SchemeStore(KaoheDb db, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private static readonly ConcurrentDictionary<string, Scheme> ByText = new(StringComparer.Ordinal);

    /// <summary>Scheme YAML that is known to load (a stored version), parsed once per text.</summary>
    public static Scheme Parse(string yaml, string name) => ByText.GetOrAdd(yaml, text =>
        SchemeLoader.Load(text, name).Scheme ?? throw new CycleException($"方案 {name} 无法读取"));

    public IReadOnlyList<SchemeItem> List()
    {
        var latest = db.SchemeVersions.AsNoTracking().GroupBy(v => v.SchemeCode).Select(g => new { Code = g.Key, Version = g.Max(v => v.Version) }).ToList()
            .ToDictionary(x => x.Code, x => x.Version);
        var items = SchemeCatalog.Templates.Where(t => t.Load.Scheme is not null).Select(t => new SchemeItem(
            t.Id, t.Load.Scheme!.Name, Kaohe.Core.Text.Words.Subject(t.Load.Scheme.SubjectKind), Kaohe.Core.Text.Words.Period(t.Load.Scheme.Period), true,
            latest.TryGetValue(t.Id, out var v) ? v : null)).ToList();
        var own = db.SchemeVersions.AsNoTracking().Where(v => !v.Builtin).OrderBy(v => v.SchemeCode).ThenByDescending(v => v.Version).ToList()
            .GroupBy(v => v.SchemeCode).Select(g => g.First());
        foreach (var v in own)
        {
            var scheme = Parse(v.Yaml, v.SchemeCode);
            items.Add(new SchemeItem(v.SchemeCode, v.Name, Kaohe.Core.Text.Words.Subject(scheme.SubjectKind), Kaohe.Core.Text.Words.Period(scheme.Period), false, v.Version));
        }
        return items;
    }

    /// <summary>A scheme by code: its current YAML (the template's, or the latest own version), its versions and lint.</summary>
    public SchemeDetail Get(string code)
    {
        var template = SchemeCatalog.Find(code);
        var versions = db.SchemeVersions.AsNoTracking().Where(v => v.SchemeCode == (template != null ? template.Id : code)).OrderByDescending(v => v.Version).ToList();
        var ids = versions.Select(v => v.Id).ToList();
        var used = db.Cycles.AsNoTracking().Where(c => ids.Contains(c.SchemeVersionId)).GroupBy(c => c.SchemeVersionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToList().ToDictionary(x => x.Key, x => x.Count);
        var rows = versions.Select(v => new SchemeVersionRow(v.Version, v.CreatedBy, v.CreatedAt, used.GetValueOrDefault(v.Id))).ToList();
        string yaml;
        if (template is not null) yaml = SchemeCatalog.TemplateText(template.Id)!;
        else if (versions.Count > 0) yaml = versions[0].Yaml;
        else throw CycleException.NotFound($"方案“{code}”");
        var check = Check(yaml);
        return new SchemeDetail(template?.Id ?? code, check.Name ?? code, template is not null, yaml, rows, check.Errors, check.Lint);
    }

    /// <summary>The YAML of one stored version (what a cycle used).</summary>
    public string VersionText(string code, int version) =>
        db.SchemeVersions.AsNoTracking().Where(v => v.SchemeCode == code && v.Version == version).Select(v => v.Yaml).SingleOrDefault()
        ?? throw CycleException.NotFound($"方案“{code}”第 {version} 版");

    /// <summary>Checks YAML: every load error with its line and field, and the lint findings of a scheme that loads.</summary>
    public static SchemeCheck Check(string yaml)
    {
        var load = SchemeLoader.Load(yaml ?? "", "方案");
        var errors = load.Errors.Select(e => e.Line > 0 ? $"第 {e.Line} 行第 {e.Column} 列 {e.Field}：{e.Message}" : $"{e.Field}：{e.Message}").ToList();
        var lint = load.Scheme is { } s ? SchemeLinter.Lint(s) : [];
        return new SchemeCheck(load.Scheme?.Id, load.Scheme?.Name, errors, lint);
    }

    /// <summary>Saves own YAML as the next version of its scheme (by the id in the YAML); refused when it does not load or lint finds errors.</summary>
    public SchemeVersionRow Save(Actor actor, string yaml)
    {
        if (!actor.Manages) throw CycleException.Forbidden("只有考核管理员可以保存方案");
        if (yaml is null || yaml.Length > 500_000) throw new CycleException("方案 YAML 为空或过长（最多 500 KB）");
        var check = Check(yaml);
        if (!check.CanSave)
            throw new CycleException("方案有错误，未保存", 400, [.. check.Errors, .. check.Lint.Where(l => l.Severity == LintSeverity.Error).Select(l => l.ToString())]);
        var code = check.Code!;
        if (SchemeCatalog.Find(code) is not null)
            throw new CycleException($"“{code}”是内置模板的编号，内置模板不能修改：请把 id 改成自己的编号（如 MY-{code}）");
        var latest = db.SchemeVersions.Where(v => v.SchemeCode == code).OrderByDescending(v => v.Version).FirstOrDefault();
        if (latest is not null && latest.Yaml == yaml) return new SchemeVersionRow(latest.Version, latest.CreatedBy, latest.CreatedAt, 0);
        var version = new SchemeVersion
        {
            SchemeCode = code, Version = (latest?.Version ?? 0) + 1, Name = check.Name!, Yaml = yaml, Builtin = false,
            CreatedBy = actor.UserName, CreatedAt = _clock.GetUtcNow().UtcDateTime,
        };
        db.SchemeVersions.Add(version);
        db.AuditEntries.Add(new AuditEntry
        {
            At = version.CreatedAt, Actor = actor.UserName, Action = "保存方案", Entity = "方案", EntityKey = code, Field = "版本",
            OldValue = latest?.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            NewValue = version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            throw new CycleException($"方案“{code}”刚被他人保存了新版本，请刷新后再保存", 409);
        }
        return new SchemeVersionRow(version.Version, version.CreatedBy, version.CreatedAt, 0);
    }
}
