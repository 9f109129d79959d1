using Kaohe.Data.Cycles;
using Kaohe.Data.Model;
using Kaohe.Schemes;

namespace Kaohe.Data.Tests;

/// <summary>
/// A scheme that loads can be saved (security issue 10): the loader bounds the id and the name to the columns that
/// store them, so PostgreSQL never refuses a scheme the check called good (the save would report a conflict instead).
/// </summary>
public abstract class SchemeStoreLimitsTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    private static string Yaml(int idLength, int nameLength) => $"""
        id: {new string('方', idLength)}
        name: {new string('名', nameLength)}
        subject: person
        period: month
        total: 10
        raters:
          - {"{"} name: {new string('评', SchemeLimits.MaxRaterNameChars)}, weight: 100% {"}"}
        grades:
          - {"{"} grade: {new string('优', SchemeLimits.MaxGradeChars)}, min: 5 {"}"}
          - {"{"} grade: 其他 {"}"}
        sections:
          - name: 定性
            indicators:
              - {"{"} name: {new string('指', SchemeLimits.MaxItemNameChars)}, points: 10, raters: all, manual: {"{"} min: 0, max: 10 {"}"} {"}"}
        """;

    [Fact]
    public void Save_SchemeWithEveryStoredTextAtItsBound_IsStored()
    {
        var yaml = Yaml(SchemeLimits.MaxIdChars, SchemeLimits.MaxNameChars);
        Assert.True(SchemeLoader.Load(yaml, "x").IsSuccess, string.Join("\n", SchemeLoader.Load(yaml, "x").Errors));
        using var db = Db();
        var row = new SchemeStore(db).Save(new Actor(1, "hr", "考核管理员", AccountRole.Hr, null, null), yaml);
        Assert.Equal(1, row.Version);
        using var check = Db();
        var stored = check.SchemeVersions.Single();
        Assert.Equal(SchemeLimits.MaxIdChars, stored.SchemeCode.Length);
        Assert.Equal(SchemeLimits.MaxNameChars, stored.Name.Length);
    }

    [Fact]
    public void Check_OneCharacterMore_IsALoadErrorWithItsLine()
    {
        var check = SchemeStore.Check(Yaml(SchemeLimits.MaxIdChars + 1, SchemeLimits.MaxNameChars + 1));
        Assert.False(check.CanSave);
        Assert.Contains(check.Errors, e => e.StartsWith("第 1 行第 5 列 id：方案编号（id）过长", StringComparison.Ordinal));
        Assert.Contains(check.Errors, e => e.StartsWith("第 2 行第 7 列 name：方案名称过长", StringComparison.Ordinal));
    }
}

public sealed class SqliteSchemeStoreLimitsTests() : SchemeStoreLimitsTests(DatabaseProvider.Sqlite);

public sealed class PostgresSchemeStoreLimitsTests() : SchemeStoreLimitsTests(DatabaseProvider.PostgreSql);
