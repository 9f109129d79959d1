using Kaohe.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Kaohe.Data.Tests;

public abstract class SchemaTests(DatabaseProvider provider) : DatabaseTests(provider)
{
    [Fact]
    public void Migrations_are_complete_for_the_model()
    {
        using var db = Db();
        Assert.Equal(Test.Provider, db.Provider);
        Assert.Empty(db.Database.GetPendingMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "the model changed without a migration: run tools/Kaohe.MigrationTool");
    }

    [Fact]
    public void Closure_covers_every_ancestor_and_rejects_cycles()
    {
        using (var db = Db())
        {
            var company = new OrgUnit { Code = "HQ", Name = "公司", Kind = UnitKind.Company };
            var dept = new OrgUnit { Code = "D1", Name = "客户部", Kind = UnitKind.Department, Parent = company };
            var office = new OrgUnit { Code = "O1", Name = "杭州办事处", Kind = UnitKind.Office, Parent = dept };
            db.Units.AddRange(company, dept, office);
            db.SaveChanges();
            UnitTree.RebuildClosure(db);
        }
        using (var db = Db())
        {
            var pairs = db.UnitClosure.AsNoTracking()
                .Join(db.Units, c => c.AncestorId, u => u.Id, (c, a) => new { c, a = a.Code })
                .Join(db.Units, x => x.c.DescendantId, u => u.Id, (x, d) => x.a + ">" + d.Code + ":" + x.c.Depth)
                .ToList();
            Assert.Equal(
                new[] { "D1>D1:0", "D1>O1:1", "HQ>D1:1", "HQ>HQ:0", "HQ>O1:2", "O1>O1:0" },
                pairs.Order(StringComparer.Ordinal));

            var hq = db.Units.Single(u => u.Code == "HQ");
            hq.ParentId = db.Units.Single(u => u.Code == "O1").Id;
            db.SaveChanges();
            var e = Assert.Throws<InvalidOperationException>(() => UnitTree.RebuildClosure(db));
            Assert.Contains("成环", e.Message);
        }
    }
}

public sealed class SqliteSchemaTests() : SchemaTests(DatabaseProvider.Sqlite);

public sealed class PostgresSchemaTests() : SchemaTests(DatabaseProvider.PostgreSql);
